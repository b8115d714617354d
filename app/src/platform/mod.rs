//! Server-side plumbing every feature's server functions use (ssr only): the
//! process context, the signed-in user, tenant transactions, responses, passwords,
//! signed links, the audit log and the mail outbox.

pub mod ai;
pub mod ai_meter;
pub mod audit;
pub mod ctx;
pub mod db;
pub mod jobs;
pub mod limits;
pub mod mail;
pub mod passwords;
pub mod purge;
pub mod respond;
pub mod scope;
pub mod storage;
pub mod tokens;

pub use ctx::{
    ctx, current_user, request_meta, tenant_tx, Clock, RequestMeta, ServerCtx, SessionUser,
};
pub use respond::handle;
pub use scope::{serve, serve_public, Scope};
