//! Signed, purpose-bound links (email verification, password reset, invitations) as
//! JWTs. Expiry is checked against the app clock, and `consume` makes a link single-use.

use chrono::{DateTime, Duration, Utc};
use jsonwebtoken::{decode, encode, Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};
use shared::ids::OrgId;
use sqlx::PgConnection;
use uuid::Uuid;

use crate::error::AppError;

/// What a link is for; a token for one purpose is refused for any other.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Purpose {
    VerifyEmail,
    ResetPassword,
    Invitation,
    /// Confirms a new brokerage's email; `sub` is the org being registered.
    Registration,
}

impl Purpose {
    pub fn as_str(self) -> &'static str {
        match self {
            Purpose::VerifyEmail => "verify_email",
            Purpose::ResetPassword => "reset_password",
            Purpose::Invitation => "invitation",
            Purpose::Registration => "registration",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [
            Purpose::VerifyEmail,
            Purpose::ResetPassword,
            Purpose::Invitation,
            Purpose::Registration,
        ]
        .into_iter()
        .find(|p| p.as_str() == s)
    }

    /// The page a link for this purpose opens.
    pub fn path(self) -> &'static str {
        match self {
            Purpose::VerifyEmail => "/verify-email",
            Purpose::ResetPassword => "/reset-password",
            Purpose::Invitation => "/invite",
            Purpose::Registration => "/register/confirm",
        }
    }

    /// How long a link stays valid (product.md: verification and reset 1 h).
    pub fn lifetime(self) -> Duration {
        match self {
            Purpose::VerifyEmail | Purpose::ResetPassword | Purpose::Registration => {
                Duration::hours(1)
            }
            Purpose::Invitation => Duration::days(7),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Claims {
    pub purpose: Purpose,
    pub org: Uuid,
    /// The user (verification, reset) or invitation the link is about.
    pub sub: Uuid,
    pub jti: Uuid,
    pub iat: i64,
    pub exp: i64,
    /// Reset links: the password state they were made for (when the password last changed,
    /// in microseconds). A link made before the password changed no longer works.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pwv: Option<i64>,
}

pub struct TokenKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
}

/// The message every bad, expired or reused link shows.
pub const LINK_INVALID: &str = "This link has expired or was already used.";

impl TokenKeys {
    pub fn new(secret: &[u8]) -> Self {
        Self {
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
        }
    }

    pub fn sign(
        &self,
        purpose: Purpose,
        org: OrgId,
        sub: Uuid,
        now: DateTime<Utc>,
    ) -> Result<String, AppError> {
        self.sign_bound(purpose, org, sub, now, None)
    }

    /// As `sign`, bound to a password state (see `Claims::pwv`).
    pub fn sign_bound(
        &self,
        purpose: Purpose,
        org: OrgId,
        sub: Uuid,
        now: DateTime<Utc>,
        pwv: Option<i64>,
    ) -> Result<String, AppError> {
        let claims = Claims {
            purpose,
            org: org.0,
            sub,
            jti: Uuid::new_v4(),
            iat: now.timestamp(),
            exp: (now + purpose.lifetime()).timestamp(),
            pwv,
        };
        encode(&Header::new(Algorithm::HS256), &claims, &self.encoding).map_err(|e| {
            tracing::error!(error = %e, "token signing failed");
            AppError::Internal
        })
    }

    /// Checks signature, purpose and expiry (against the app clock, not the system's).
    pub fn verify(
        &self,
        token: &str,
        purpose: Purpose,
        now: DateTime<Utc>,
    ) -> Result<Claims, AppError> {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.validate_exp = false;
        validation.required_spec_claims.clear();
        let claims = decode::<Claims>(token.trim(), &self.decoding, &validation)
            .map_err(|_| AppError::Conflict(LINK_INVALID.into()))?
            .claims;
        if claims.purpose != purpose || claims.exp <= now.timestamp() {
            return Err(AppError::Conflict(LINK_INVALID.into()));
        }
        Ok(claims)
    }
}

/// Marks the link used, inside the transaction that acts on it. A second use fails.
pub async fn consume(
    conn: &mut PgConnection,
    claims: &Claims,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let inserted =
        super::db::insert_used_token(conn, claims.org, claims.jti, claims.purpose.as_str(), now)
            .await?;
    if inserted {
        Ok(())
    } else {
        Err(AppError::Conflict(LINK_INVALID.into()))
    }
}
