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
    /// The owner's URL (with its password, once the cluster exists).
    pub fn url(&self) -> String {
        match self.owner_password() {
            Some(pw) => format!(
                "postgres://postgres:{pw}@127.0.0.1:{}/propertypro",
                self.port
            ),
            None => format!("postgres://postgres@127.0.0.1:{}/propertypro", self.port),
        }
    }

    fn owner_password_file(&self) -> PathBuf {
        self.dir.with_file_name("pg-owner-password")
    }

    fn owner_password(&self) -> Option<String> {
        std::fs::read_to_string(self.owner_password_file())
            .ok()
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
    }

    /// The owner's password, generated (and kept, 0600) the first time.
    fn owner_password_or_new(&self) -> anyhow::Result<String> {
        if let Some(pw) = self.owner_password() {
            return Ok(pw);
        }
        let pw = crate::secrets::random_hex(24);
        if let Some(parent) = self.owner_password_file().parent() {
            std::fs::create_dir_all(parent)?;
        }
        crate::secrets::write_private(&self.owner_password_file(), &pw)
            .context("writing the local cluster's owner password")?;
        Ok(pw)
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
        // initdb reads the owner's password from a file the postgres user can read
        let password = local.owner_password_or_new()?;
        let pwfile = dir.with_file_name(".initdb-pw");
        std::fs::write(&pwfile, &password)?;
        if is_root() {
            Command::new("chown")
                .args(["postgres:postgres", pwfile.to_str().unwrap_or_default()])
                .status()?;
        }
        let pwfile_arg = format!("--pwfile={}", pwfile.display());
        let out = pg(
            &bin.join("initdb"),
            &[
                "-D",
                &dir_s,
                "-U",
                "postgres",
                "--auth=scram-sha-256",
                &pwfile_arg,
                "-E",
                "UTF8",
                "--no-instructions",
            ],
        );
        let _ = std::fs::remove_file(&pwfile);
        let out = out?;
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
    let hba = dir.join("pg_hba.conf");
    let trusting = std::fs::read_to_string(&hba)
        .map(|h| {
            h.lines()
                .any(|l| !l.trim_start().starts_with('#') && l.contains("trust"))
        })
        .unwrap_or(false);
    let password = local.owner_password_or_new()?;
    if trusting {
        // a cluster made before passwords: give the owner one and stop trusting
        tracing::info!("switching the local PostgreSQL cluster to password authentication");
        let url = format!("postgres://postgres@127.0.0.1:{}/postgres", local.port);
        let admin = sqlx::PgPool::connect(&url)
            .await
            .context("connecting to the local cluster")?;
        // audited: the password is generated hex (ALTER ROLE takes no bind parameters)
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "alter role postgres password '{password}'"
        )))
        .execute(&admin)
        .await?;
        let text = std::fs::read_to_string(&hba)?;
        let switched: String = text
            .lines()
            .map(|l| {
                if l.trim_start().starts_with('#') {
                    l.to_owned()
                } else {
                    l.replace("trust", "scram-sha-256")
                }
            })
            .collect::<Vec<_>>()
            .join("\n");
        std::fs::write(&hba, switched + "\n")?;
        sqlx::query("select pg_reload_conf()")
            .execute(&admin)
            .await?;
        admin.close().await;
    }
    let admin_url = format!(
        "postgres://postgres:{password}@127.0.0.1:{}/postgres",
        local.port
    );
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
