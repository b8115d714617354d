//! Typed configuration, read once from the environment with laptop defaults.
//! Every variable is documented in README.md and .env.example.

use std::path::PathBuf;

use anyhow::{bail, Context};
use secrecy::SecretString;

use crate::pg_local::LocalPg;

pub struct Config {
    /// `DATABASE_URL`: an existing PostgreSQL (migrations run as this login). Unset:
    /// the project-local cluster under `DATA_DIR/pg`.
    pub database_url: Option<String>,
    /// `APP_DATABASE_URL`: the login the app runs as (member of propertypro_app).
    /// Unset: the migration login with `set role propertypro_app` per connection.
    pub app_database_url: Option<String>,
    /// `DATA_DIR` (default `.data`): local cluster, generated secret.
    pub data_dir: PathBuf,
    /// `LOCAL_PG_PORT` (default 54329).
    pub local_pg_port: u16,
    /// `PUBLIC_URL`: the address people use; emailed links start with it.
    pub public_url: String,
    /// `APP_SECRET`: signs emailed links. Unset: generated once into `DATA_DIR/secret`.
    pub secret: SecretString,
    /// `SMTP_URL` (e.g. `smtps://user:pass@smtp.example.com`): send mail; unset: outbox only.
    pub smtp_url: Option<SecretString>,
    /// `MAIL_FROM` (default `PropertyPro <no-reply@propertypro.local>`).
    pub mail_from: String,
    /// `DEMO_DATA` = `auto` (default: load on first run with the local cluster) | `on` | `off`.
    pub demo_data: String,
    /// `LOGIN_IP_LIMIT_PER_MIN` (default 10).
    pub login_ip_limit_per_min: i64,
    /// `LOG_FORMAT` = `json` (default) | `pretty`.
    pub log_format: String,
    /// `TRUST_PROXY` = `1` to take the client address from `X-Forwarded-For`.
    pub trust_proxy: bool,
    /// Where listing photos are kept: `STORAGE` and its variables below.
    pub storage: StorageConfig,
}

/// `STORAGE` = `local` (default) | `s3`.
#[derive(Debug, Clone)]
pub enum StorageConfig {
    /// `STORAGE_DIR` (default `DATA_DIR/files`, so `.data/files`): a folder on this machine.
    Local { dir: PathBuf },
    /// S3 or an S3-compatible service (MinIO, R2, …), for several instances.
    S3(S3Config),
}

#[derive(Debug, Clone)]
pub struct S3Config {
    /// `S3_BUCKET` (required with `STORAGE=s3`).
    pub bucket: String,
    /// `S3_REGION` (default `us-east-1`).
    pub region: String,
    /// `S3_ENDPOINT`: an S3-compatible service's address (e.g. `http://127.0.0.1:9000`
    /// for a local MinIO); unset: AWS. Plain `http://` is allowed on loopback only.
    pub endpoint: Option<String>,
    /// `S3_ACCESS_KEY_ID` and `S3_SECRET_ACCESS_KEY`, set together. Unset: the standard
    /// AWS sources (`AWS_*` variables, web identity, container or instance role).
    pub access_key_id: Option<String>,
    pub secret_access_key: Option<SecretString>,
}

impl StorageConfig {
    fn from_env(data_dir: &std::path::Path) -> anyhow::Result<Self> {
        match var("STORAGE").as_deref().unwrap_or("local") {
            "local" => Ok(StorageConfig::Local {
                dir: var("STORAGE_DIR").map_or_else(|| data_dir.join("files"), PathBuf::from),
            }),
            "s3" => {
                let Some(bucket) = var("S3_BUCKET") else {
                    bail!("S3_BUCKET is required with STORAGE=s3");
                };
                let access_key_id = var("S3_ACCESS_KEY_ID");
                let secret_access_key = var("S3_SECRET_ACCESS_KEY").map(SecretString::from);
                if access_key_id.is_some() != secret_access_key.is_some() {
                    bail!("S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY must be set together");
                }
                Ok(StorageConfig::S3(S3Config {
                    bucket,
                    region: var("S3_REGION").unwrap_or_else(|| "us-east-1".into()),
                    endpoint: var("S3_ENDPOINT").map(|e| e.trim_end_matches('/').to_owned()),
                    access_key_id,
                    secret_access_key,
                }))
            }
            other => bail!("STORAGE must be `local` or `s3`, not `{other}`"),
        }
    }
}

fn var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

impl Config {
    pub fn from_env() -> anyhow::Result<Self> {
        let data_dir = PathBuf::from(var("DATA_DIR").unwrap_or_else(|| ".data".into()));
        let site_addr = var("LEPTOS_SITE_ADDR").unwrap_or_else(|| "127.0.0.1:3000".into());
        let public_url = var("PUBLIC_URL").unwrap_or_else(|| format!("http://{site_addr}"));
        if !(public_url.starts_with("http://") || public_url.starts_with("https://")) {
            bail!("PUBLIC_URL must start with http:// or https://");
        }
        let secret = match var("APP_SECRET") {
            Some(s) if s.len() >= 32 => s,
            Some(_) => bail!("APP_SECRET must be at least 32 characters"),
            None => local_secret(&data_dir)?,
        };
        let storage = StorageConfig::from_env(&data_dir)?;
        Ok(Config {
            database_url: var("DATABASE_URL"),
            app_database_url: var("APP_DATABASE_URL"),
            local_pg_port: var("LOCAL_PG_PORT")
                .map(|p| p.parse())
                .transpose()
                .context("LOCAL_PG_PORT")?
                .unwrap_or(54329),
            data_dir,
            public_url: public_url.trim_end_matches('/').to_owned(),
            secret: SecretString::from(secret),
            smtp_url: var("SMTP_URL").map(SecretString::from),
            mail_from: var("MAIL_FROM")
                .unwrap_or_else(|| "PropertyPro <no-reply@propertypro.local>".into()),
            demo_data: var("DEMO_DATA").unwrap_or_else(|| "auto".into()),
            login_ip_limit_per_min: var("LOGIN_IP_LIMIT_PER_MIN")
                .map(|p| p.parse())
                .transpose()
                .context("LOGIN_IP_LIMIT_PER_MIN")?
                .unwrap_or(shared::lockout::IP_ATTEMPTS_PER_MINUTE),
            log_format: var("LOG_FORMAT").unwrap_or_else(|| "json".into()),
            trust_proxy: var("TRUST_PROXY").is_some_and(|v| v == "1" || v == "true"),
            storage,
        })
    }

    pub fn pg_local(&self) -> LocalPg {
        LocalPg {
            dir: self.data_dir.join("pg"),
            port: self.local_pg_port,
        }
    }

    /// The embedded defaults: local cluster, so demo data and the demo accounts box.
    pub fn embedded(&self) -> bool {
        self.database_url.is_none()
    }

    pub fn demo_enabled(&self) -> bool {
        match self.demo_data.as_str() {
            "on" => true,
            "off" => false,
            _ => self.embedded(),
        }
    }
}

/// A random secret kept in the data folder, so links survive restarts on a laptop.
/// Several instances behind a load balancer must share APP_SECRET instead.
fn local_secret(data_dir: &std::path::Path) -> anyhow::Result<String> {
    let path = data_dir.join("secret");
    if let Ok(s) = std::fs::read_to_string(&path) {
        if s.trim().len() >= 32 {
            return Ok(s.trim().to_owned());
        }
    }
    std::fs::create_dir_all(data_dir).context("creating DATA_DIR")?;
    let mut bytes = [0u8; 32];
    rand::fill(&mut bytes);
    let secret: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    std::fs::write(&path, &secret).context("writing the generated secret")?;
    Ok(secret)
}
