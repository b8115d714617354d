//! The project-local PostgreSQL for the embedded default: a cluster under
//! `DATA_DIR/pg` on 127.0.0.1, created on first run and reused after. It keeps
//! running when the server stops (so the next start is instant and several
//! instances can share it); `server db stop` stops it.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context};

pub struct LocalPg {
    pub dir: PathBuf,
    pub port: u16,
}

impl LocalPg {
    pub fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/propertypro", self.port)
    }
}

fn bin_dir() -> anyhow::Result<PathBuf> {
    if let Ok(dir) = std::env::var("PG_BIN_DIR") {
        return Ok(PathBuf::from(dir));
    }
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .context("PostgreSQL server binaries not found: install them with `apt-get install postgresql` (or set DATABASE_URL)")?
        .filter_map(|e| e.ok())
        .filter_map(|e| Some((e.file_name().to_str()?.parse().ok()?, e.path().join("bin"))))
        .filter(|(_, p)| p.join("initdb").exists())
        .collect();
    versions.sort();
    versions
        .pop()
        .map(|(_, p)| p)
        .context("no PostgreSQL version with initdb under /usr/lib/postgresql")
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| o.stdout.trim_ascii() == b"0")
        .unwrap_or(false)
}

/// Runs a PostgreSQL tool; as root, as the `postgres` user (initdb refuses root).
fn pg(tool: &Path, args: &[&str]) -> anyhow::Result<std::process::Output> {
    let out = if is_root() {
        Command::new("runuser")
            .arg("-u")
            .arg("postgres")
            .arg("--")
            .arg(tool)
            .args(args)
            .output()
    } else {
        Command::new(tool).args(args).output()
    }
    .with_context(|| format!("running {}", tool.display()))?;
    Ok(out)
}

pub async fn ensure_running(local: &LocalPg) -> anyhow::Result<String> {
    let bin = bin_dir()?;
    let dir = std::path::absolute(&local.dir)?;
    let dir_s = dir
        .to_str()
        .context("data dir path is not UTF-8")?
        .to_owned();
    if !dir.join("PG_VERSION").exists() {
        tracing::info!(dir = %dir_s, "creating the local PostgreSQL cluster");
        std::fs::create_dir_all(&dir)?;
        if is_root() {
            // the parent must be traversable by postgres; the cluster dir owned by it
            if let Some(parent) = dir.parent() {
                Command::new("chmod").arg("755").arg(parent).status()?;
            }
            Command::new("chown")
                .args(["postgres:postgres", &dir_s])
                .status()?;
        }
        let out = pg(
            &bin.join("initdb"),
            &[
                "-D",
                &dir_s,
                "-U",
                "postgres",
                "--auth=trust",
                "-E",
                "UTF8",
                "--no-instructions",
            ],
        )?;
        if !out.status.success() {
            bail!("initdb failed: {}", String::from_utf8_lossy(&out.stderr));
        }
    }
    let status = pg(&bin.join("pg_ctl"), &["-D", &dir_s, "status"])?;
    if !status.status.success() {
        tracing::info!(port = local.port, "starting the local PostgreSQL cluster");
        let opts = format!("-p {} -c listen_addresses=127.0.0.1 -k {dir_s}", local.port);
        let log = format!("{dir_s}/server.log");
        let out = pg(
            &bin.join("pg_ctl"),
            &[
                "-D", &dir_s, "-l", &log, "-o", &opts, "-w", "-t", "60", "start",
            ],
        )?;
        if !out.status.success() {
            bail!(
                "pg_ctl start failed ({}); see {log}",
                String::from_utf8_lossy(&out.stdout).trim()
            );
        }
    }
    let admin_url = format!("postgres://postgres@127.0.0.1:{}/postgres", local.port);
    let admin = sqlx::PgPool::connect(&admin_url)
        .await
        .context("connecting to the local cluster")?;
    let exists: bool = sqlx::query_scalar(
        "select exists(select 1 from pg_database where datname = 'propertypro')",
    )
    .fetch_one(&admin)
    .await?;
    if !exists {
        sqlx::query("create database propertypro")
            .execute(&admin)
            .await?;
    }
    admin.close().await;
    Ok(local.url())
}

pub fn stop(local: &LocalPg) -> anyhow::Result<()> {
    let bin = bin_dir()?;
    let dir = std::path::absolute(&local.dir)?;
    let dir_s = dir.to_str().context("data dir path is not UTF-8")?;
    let out = pg(&bin.join("pg_ctl"), &["-D", dir_s, "-m", "fast", "stop"])?;
    println!("{}", String::from_utf8_lossy(&out.stdout).trim());
    Ok(())
}
