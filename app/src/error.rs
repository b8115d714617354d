//! The one error type that crosses the wire (engineering.md "Errors").

use serde::{Deserialize, Serialize};
use server_fn::codec::JsonEncoding;
use server_fn::error::{FromServerFnError, ServerFnErrorErr};
use shared::FieldErrors;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("Please sign in.")]
    Unauthorized,
    #[error("You don't have permission to do that.")]
    Forbidden,
    /// A sensitive action needs the password again (last proof older than 15 minutes).
    #[error("For your security, enter your password again to continue.")]
    ReauthRequired,
    #[error("Not found.")]
    NotFound,
    /// Sign-in refused without saying which part was wrong.
    #[error("Email or password is incorrect.")]
    BadCredentials,
    #[error("Please correct the highlighted fields.")]
    Invalid(FieldErrors),
    #[error("{0}")]
    Conflict(String),
    /// Too many attempts; the message says when to try again.
    #[error("{message}")]
    RateLimited {
        retry_after_secs: u64,
        message: String,
    },
    #[error("The service is unavailable. Try again in a moment.")]
    Unavailable,
    /// The request itself could not be read (arguments that don't decode, hostile input).
    #[error("{0}")]
    BadRequest(String),
    /// Details are logged with the request id, never shown.
    #[error("Something went wrong on our side. Please try again.")]
    Internal,
    /// Transport and encoding failures from the server-function layer.
    #[error("Could not reach the server. Check your connection and try again.")]
    ServerFn(String),
}

impl AppError {
    /// One field's message.
    pub fn field(field: &str, message: impl Into<String>) -> Self {
        AppError::Invalid(FieldErrors::one(field, message))
    }

    /// The message for `field` when this is a validation error.
    pub fn field_message(&self, field: &str) -> Option<String> {
        match self {
            AppError::Invalid(f) => f.get(field).map(str::to_owned),
            _ => None,
        }
    }

    /// The message shown above a form: none for field errors (they sit by the fields).
    pub fn form_message(&self) -> Option<String> {
        match self {
            AppError::Invalid(_) => None,
            other => Some(other.to_string()),
        }
    }

    pub fn status(&self) -> u16 {
        match self {
            AppError::Unauthorized | AppError::BadCredentials => 401,
            AppError::Forbidden | AppError::ReauthRequired => 403,
            AppError::NotFound => 404,
            AppError::Invalid(_) => 422,
            AppError::BadRequest(_) => 400,
            AppError::Conflict(_) => 409,
            AppError::RateLimited { .. } => 429,
            AppError::Unavailable => 503,
            AppError::Internal | AppError::ServerFn(_) => 500,
        }
    }
}

impl From<FieldErrors> for AppError {
    fn from(e: FieldErrors) -> Self {
        AppError::Invalid(e)
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            // the server could not read the request: the caller's fault, a plain 400
            ServerFnErrorErr::Args(_)
            | ServerFnErrorErr::MissingArg(_)
            | ServerFnErrorErr::Deserialization(_)
            | ServerFnErrorErr::UnsupportedRequestMethod(_) => {
                #[cfg(feature = "ssr")]
                tracing::info!(error = %value, "unreadable server function request");
                AppError::BadRequest(
                    "The request could not be read. Reload the page and try again.".into(),
                )
            }
            other => AppError::ServerFn(other.to_string()),
        }
    }
}

#[cfg(feature = "ssr")]
impl From<sqlx::Error> for AppError {
    fn from(e: sqlx::Error) -> Self {
        match &e {
            sqlx::Error::RowNotFound => AppError::NotFound,
            sqlx::Error::PoolTimedOut => {
                tracing::error!(error = ?e, "database pool timed out");
                AppError::Unavailable
            }
            _ => {
                tracing::error!(error = ?e, "database error");
                AppError::Internal
            }
        }
    }
}
