#![recursion_limit = "256"]
//! `server`             serve PropertyPro (embedded PostgreSQL unless DATABASE_URL is set)
//! `server demo-data`   (re)load the Harbor Realty demo brokerage
//! `server seed-bench [N]`  a brokerage with N listings for the benchmarks (server/benches)
//! `server db start|stop|url`  manage the project-local PostgreSQL cluster

use anyhow::Context;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let config = server::config::Config::from_env().context("reading configuration")?;
    server::telemetry::init(&config);
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        [] | ["serve"] => server::run(config).await,
        ["demo-data"] => server::reload_demo_data(config).await,
        ["seed-bench"] => server::seed_bench(config, 100_000).await,
        ["seed-bench", n] => {
            server::seed_bench(config, n.parse().context("a number of listings")?).await
        }
        ["db", "start"] => {
            let url = server::pg_local::ensure_running(&config.pg_local()).await?;
            println!("{url}");
            Ok(())
        }
        ["db", "url"] => {
            println!("{}", config.pg_local().url());
            Ok(())
        }
        ["db", "stop"] => server::pg_local::stop(&config.pg_local()),
        _ => {
            eprintln!(
                "usage: server [serve | demo-data | seed-bench [N] | db start | db stop | db url]"
            );
            std::process::exit(2);
        }
    }
}
