//! Typed configuration, read once from the environment with laptop defaults.
//! Every variable is documented in README.md and .env.example.

use std::path::PathBuf;

use anyhow::{bail, Context};
use secrecy::SecretString;

use crate::pg_local::LocalPg;
pub use crate::secrets::{random_hex, write_private};

pub struct Config {
    /// `DATABASE_URL`: an existing PostgreSQL (migrations run as this login). Unset:
    /// the project-local cluster under `DATA_DIR/pg`.
    pub database_url: Option<String>,
    /// `APP_DATABASE_URL`: the login the app runs as (member of propertypro_app).
    /// Unset: the migration login with `set role propertypro_app` per connection.
    pub app_database_url: Option<String>,
    /// `DB_MAX_CONNECTIONS` (default 16): the request pool's size per instance.
    pub db_max_connections: u32,
    /// `DATA_DIR` (default `.data`): local cluster, generated secret.
    pub data_dir: PathBuf,
    /// `LOCAL_PG_PORT` (default 54329).
    pub local_pg_port: u16,
    /// `PUBLIC_URL`: the address people use; emailed links start with it.
    pub public_url: String,
    /// `APP_SECRET`: signs emailed links. Unset: generated once into `DATA_DIR/secret`.
    pub secret: SecretString,
    /// `SMTP_URL` (e.g. `smtps://user:pass@smtp.example.com`): send mail. Unset: every
    /// message is saved as a file in `mail_dir` for whoever runs the server.
    pub smtp_url: Option<SecretString>,
    /// `MAIL_DIR` (default `DATA_DIR/mail`): where mail goes without SMTP (mode 0700).
    pub mail_dir: PathBuf,
    /// `MAIL_FROM` (default `PropertyPro <no-reply@propertypro.local>`).
    pub mail_from: String,
    /// `DEMO_DATA` = `auto` (default: load on first run with the local cluster) | `on` | `off`.
    pub demo_data: String,
    /// `LOGIN_IP_LIMIT_PER_MIN` (default 10).
    pub login_ip_limit_per_min: i64,
    /// `LOG_FORMAT` = `json` (default) | `pretty`.
    pub log_format: String,
    /// `TRUST_PROXY`, `MAX_IN_FLIGHT`, `METRICS_TOKEN`: what stands in front of the app.
    pub edge: EdgeConfig,
    /// `AI_*`: the AI service (unset: the built-in offline writer).
    pub ai: AiConfig,
    /// Where listing photos are kept: `STORAGE` and its variables below.
    pub storage: StorageConfig,
}

/// The process's edge: proxies in front of it, overload, the metrics endpoint.
#[derive(Clone)]
pub struct EdgeConfig {
    /// `TRUST_PROXY` = `off` (default) | `on` (one proxy) | N: how many proxies in front of
    /// the app append to `X-Forwarded-For`. The client address is the Nth entry from the
    /// right: entries to its left were written by the client and can't be trusted.
    pub trusted_proxies: usize,
    /// `MAX_IN_FLIGHT` (default 256): requests served at once; more answer 503 at once
    /// instead of queueing for the database (`/health` and `/metrics` are not counted).
    pub max_in_flight: usize,
    /// `METRICS_TOKEN`: `/metrics` needs `Authorization: Bearer <token>`. Unset: it answers
    /// only to loopback clients that came through no proxy.
    pub metrics_token: Option<SecretString>,
}

impl Default for EdgeConfig {
    fn default() -> Self {
        EdgeConfig {
            trusted_proxies: 0,
            max_in_flight: 256,
            metrics_token: None,
        }
    }
}

impl EdgeConfig {
    pub fn from_lookup(var: impl Fn(&str) -> Option<String>) -> anyhow::Result<Self> {
        let trusted_proxies = match var("TRUST_PROXY").as_deref().map(str::trim) {
            None | Some("off" | "0" | "false") => 0,
            Some("on" | "1" | "true") => 1,
            Some(n) => n
                .parse()
                .ok()
                .filter(|n| (1..=10).contains(n))
                .context("TRUST_PROXY must be off, on, or a number of proxies from 1 to 10")?,
        };
        let max_in_flight = var("MAX_IN_FLIGHT")
            .map(|v| v.trim().parse::<usize>())
            .transpose()
            .context("MAX_IN_FLIGHT")?
            .unwrap_or(256);
        if max_in_flight == 0 {
            bail!("MAX_IN_FLIGHT must be at least 1");
        }
        let metrics_token = var("METRICS_TOKEN");
        if metrics_token.as_ref().is_some_and(|t| t.trim().len() < 16) {
            bail!("METRICS_TOKEN must be at least 16 characters");
        }
        Ok(EdgeConfig {
            trusted_proxies,
            max_in_flight,
            metrics_token: metrics_token.map(|t| SecretString::from(t.trim().to_owned())),
        })
    }
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
        let mail_dir = var("MAIL_DIR").map_or_else(|| data_dir.join("mail"), PathBuf::from);
        Ok(Config {
            database_url: var("DATABASE_URL"),
            app_database_url: var("APP_DATABASE_URL"),
            db_max_connections: var("DB_MAX_CONNECTIONS")
                .map(|v| v.trim().parse())
                .transpose()
                .context("DB_MAX_CONNECTIONS")?
                .unwrap_or(16),
            local_pg_port: var("LOCAL_PG_PORT")
                .map(|p| p.parse())
                .transpose()
                .context("LOCAL_PG_PORT")?
                .unwrap_or(54329),
            data_dir,
            public_url: public_url.trim_end_matches('/').to_owned(),
            secret: SecretString::from(secret),
            smtp_url: var("SMTP_URL").map(SecretString::from),
            mail_dir,
            mail_from: var("MAIL_FROM")
                .unwrap_or_else(|| "PropertyPro <no-reply@propertypro.local>".into()),
            demo_data: var("DEMO_DATA").unwrap_or_else(|| "auto".into()),
            login_ip_limit_per_min: var("LOGIN_IP_LIMIT_PER_MIN")
                .map(|p| p.parse())
                .transpose()
                .context("LOGIN_IP_LIMIT_PER_MIN")?
                .unwrap_or(shared::lockout::IP_ATTEMPTS_PER_MINUTE),
            log_format: var("LOG_FORMAT").unwrap_or_else(|| "json".into()),
            edge: EdgeConfig::from_lookup(var)?,
            ai: AiConfig::from_lookup(var)?,
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

pub use crate::ai::config::{AiConfig, OPENAI_BASE_URL};

/// A random secret kept in the data folder, so links survive restarts on a laptop.
/// Several instances behind a load balancer must share APP_SECRET instead.
fn local_secret(data_dir: &std::path::Path) -> anyhow::Result<String> {
    let path = data_dir.join("secret");
    if let Ok(s) = std::fs::read_to_string(&path) {
        if s.trim().len() >= 32 {
            // files written before 0600 was the rule are tightened on the next start
            use std::os::unix::fs::PermissionsExt;
            let _ = std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600));
            return Ok(s.trim().to_owned());
        }
    }
    std::fs::create_dir_all(data_dir).context("creating DATA_DIR")?;
    let secret = random_hex(32);
    write_private(&path, &secret).context("writing the generated secret")?;
    Ok(secret)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn ai(vars: &[(&str, &str)]) -> anyhow::Result<AiConfig> {
        AiConfig::from_lookup(|name| {
            vars.iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| (*v).to_owned())
        })
    }

    fn edge(vars: &[(&str, &str)]) -> anyhow::Result<EdgeConfig> {
        let map: std::collections::HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        EdgeConfig::from_lookup(|k| map.get(k).cloned())
    }

    #[test]
    fn the_generated_secret_is_readable_by_its_owner_only() {
        use std::os::unix::fs::PermissionsExt;
        let dir = std::env::temp_dir().join(format!("pp-secret-{}", uuid::Uuid::new_v4()));
        let first = local_secret(&dir).unwrap();
        let mode = std::fs::metadata(dir.join("secret"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
        // an older 0644 file is tightened and kept
        std::fs::set_permissions(dir.join("secret"), std::fs::Permissions::from_mode(0o644))
            .unwrap();
        assert_eq!(local_secret(&dir).unwrap(), first);
        let mode = std::fs::metadata(dir.join("secret"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn trust_proxy_counts_the_proxies_in_front() {
        assert_eq!(edge(&[]).unwrap().trusted_proxies, 0);
        assert_eq!(edge(&[("TRUST_PROXY", "off")]).unwrap().trusted_proxies, 0);
        assert_eq!(edge(&[("TRUST_PROXY", "on")]).unwrap().trusted_proxies, 1);
        assert_eq!(edge(&[("TRUST_PROXY", "true")]).unwrap().trusted_proxies, 1);
        assert_eq!(edge(&[("TRUST_PROXY", "2")]).unwrap().trusted_proxies, 2);
        assert!(edge(&[("TRUST_PROXY", "yes please")]).is_err());
        assert!(edge(&[("TRUST_PROXY", "11")]).is_err());
    }

    #[test]
    fn edge_defaults_and_bad_values() {
        let e = edge(&[]).unwrap();
        assert_eq!(e.max_in_flight, 256);
        assert!(e.metrics_token.is_none());
        assert!(edge(&[("MAX_IN_FLIGHT", "0")]).is_err());
        assert!(edge(&[("METRICS_TOKEN", "short")]).is_err());
        assert!(edge(&[("METRICS_TOKEN", "a-long-enough-token-1234")])
            .unwrap()
            .metrics_token
            .is_some());
    }

    #[test]
    fn ai_defaults_are_the_offline_writer_and_the_documented_numbers() {
        let c = ai(&[]).unwrap();
        assert!(c.remote().is_none());
        assert_eq!(c.model, "gpt-4o-mini");
        assert_eq!(c.timeout, Duration::from_secs(30));
        assert_eq!(c.price_in_micro_usd_per_mtok, 150_000);
        assert_eq!(c.price_out_micro_usd_per_mtok, 600_000);
        assert_eq!(c.user_limit_per_hour, 50);
        assert_eq!(c.org_limit_per_hour, 1000);
    }

    #[test]
    fn an_ollama_base_url_needs_no_key_and_a_key_alone_means_openai() {
        let ollama = ai(&[
            ("AI_BASE_URL", "http://127.0.0.1:11434/v1/"),
            ("AI_MODEL", "llama3.2"),
        ])
        .unwrap();
        let remote = ollama.remote().unwrap();
        assert_eq!(remote.base_url, "http://127.0.0.1:11434/v1");
        assert!(remote.api_key.is_none());
        let openai = ai(&[("AI_API_KEY", "sk-test")]).unwrap();
        assert_eq!(openai.remote().unwrap().base_url, OPENAI_BASE_URL);
    }

    #[test]
    fn bad_ai_settings_stop_startup() {
        assert!(ai(&[("AI_BASE_URL", "127.0.0.1:11434")]).is_err());
        assert!(ai(&[("AI_API_KEY", "sk one")]).is_err());
        assert!(ai(&[("AI_TIMEOUT_SECS", "0")]).is_err());
        assert!(ai(&[("AI_PRICE_IN_PER_MTOK_USD", "-1")]).is_err());
        assert_eq!(
            ai(&[("AI_PRICE_OUT_PER_MTOK_USD", "2.5")])
                .unwrap()
                .price_out_micro_usd_per_mtok,
            2_500_000
        );
    }
}
