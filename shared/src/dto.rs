//! What crosses the wire between the server and the browser.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::auth::Role;
use crate::ids::{InvitationId, OrgId, SessionId, TeamId, UserId};

/// The signed-in user as the pages see them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Me {
    pub id: UserId,
    pub org_id: OrgId,
    pub org_name: String,
    pub name: String,
    pub email: String,
    pub role: Role,
    pub email_verified: bool,
}

impl Me {
    /// Initials for the avatar: "Dana Whitfield" → "DW".
    pub fn initials(&self) -> String {
        self.name
            .split_whitespace()
            .filter_map(|w| w.chars().next())
            .take(2)
            .flat_map(char::to_uppercase)
            .collect()
    }
}

/// A row of the Users admin page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UserSummary {
    pub id: UserId,
    pub name: String,
    pub email: String,
    pub role: Role,
    pub team_id: Option<TeamId>,
    pub team_name: Option<String>,
    pub email_verified: bool,
    pub disabled: bool,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InvitationSummary {
    pub id: InvitationId,
    pub email: String,
    pub role: Role,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TeamSummary {
    pub id: TeamId,
    pub name: String,
    pub lead_user_id: Option<UserId>,
    pub lead_name: Option<String>,
    pub members: Vec<String>,
}

/// What the Users and Teams pages need in one round trip.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Directory {
    pub users: Vec<UserSummary>,
    pub teams: Vec<TeamSummary>,
    pub invitations: Vec<InvitationSummary>,
}

/// One signed-in device.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionSummary {
    pub id: SessionId,
    pub device: String,
    pub ip: Option<String>,
    pub created_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
    pub current: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OutboxEmail {
    pub id: uuid::Uuid,
    pub to_email: String,
    pub subject: String,
    pub body_text: String,
    /// A public link (e.g. the sign-in page); private links are never stored.
    pub action_url: Option<String>,
    pub action_label: Option<String>,
    /// The button is a private link (verification, reset, invitation, registration): its
    /// token is made as the message is sent and only the recipient ever sees it.
    pub private_link: bool,
    pub created_at: DateTime<Utc>,
    /// "queued" (waiting for delivery or a retry), "outbox" (kept only), "sent", "failed".
    pub status: String,
    /// Delivery attempts so far, and the last one's error.
    pub attempts: i32,
    pub error: Option<String>,
}

/// The Outbox page: where mail goes on this server, and the newest messages.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Outbox {
    /// "smtp" (sent to the recipients) or "folder" (written as files to a folder on the
    /// server, the embedded default).
    pub delivery: String,
    pub emails: Vec<OutboxEmail>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub actor_email: Option<String>,
    pub action: String,
    pub target: Option<String>,
    pub ip: Option<String>,
    pub detail: String,
}

/// Filters of the Audit log page (all optional).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AuditFilter {
    pub action: Option<String>,
    pub actor: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
}

/// The actions the audit log records, for the filter's choices.
pub const AUDIT_ACTIONS: &[&str] = &[
    "sign_in",
    "sign_in_failed",
    "sign_in_blocked",
    "sign_out",
    "session_ended",
    "permission_denied",
    "org_registered",
    "registration_refused",
    "email_verified",
    "password_reset_requested",
    "password_reset",
    "user_invited",
    "invitation_accepted",
    "role_changed",
    "team_changed",
    "user_disabled",
    "user_enabled",
    "team_created",
    "team_lead_changed",
];

/// The words shown for an audit action ("role_changed" → "Role changed").
pub fn audit_action_label(action: &str) -> String {
    let mut label = action.replace('_', " ");
    if let Some(first) = label.get(..1) {
        label = first.to_uppercase() + &label[1..];
    }
    label.replace("Org registered", "Brokerage registered")
}

/// The Today page's admin checklist, from real state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TodaySummary {
    pub members: i64,
    pub teams: i64,
    pub pending_invitations: i64,
    pub active_sessions: i64,
}

/// "Chrome on Linux" from a User-Agent header, for the sessions list.
pub fn describe_device(user_agent: Option<&str>) -> String {
    let Some(ua) = user_agent else {
        return "Unknown device".into();
    };
    let browser = if ua.contains("Edg/") {
        "Edge"
    } else if ua.contains("Firefox/") {
        "Firefox"
    } else if ua.contains("Chrome/") || ua.contains("Chromium/") || ua.contains("HeadlessChrome") {
        "Chrome"
    } else if ua.contains("Safari/") {
        "Safari"
    } else {
        "Browser"
    };
    let os = if ua.contains("iPhone") || ua.contains("iPad") {
        "iOS"
    } else if ua.contains("Android") {
        "Android"
    } else if ua.contains("Mac OS X") {
        "macOS"
    } else if ua.contains("Windows") {
        "Windows"
    } else if ua.contains("Linux") {
        "Linux"
    } else {
        "another system"
    };
    format!("{browser} on {os}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn audit_actions_read_as_words() {
        assert_eq!(audit_action_label("role_changed"), "Role changed");
        assert_eq!(audit_action_label("org_registered"), "Brokerage registered");
        assert_eq!(audit_action_label(""), "");
    }

    #[test]
    fn devices_are_named_from_the_user_agent() {
        let chrome = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36";
        assert_eq!(describe_device(Some(chrome)), "Chrome on Linux");
        let iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 Version/18.0 Mobile/15E148 Safari/604.1";
        assert_eq!(describe_device(Some(iphone)), "Safari on iOS");
        assert_eq!(describe_device(None), "Unknown device");
    }
}

/// AI usage of one person over the reporting window (product.md: usage shown to admins).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AiUsageRow {
    pub user_name: String,
    pub requests: i64,
    pub tokens_in: i64,
    pub tokens_out: i64,
    pub cost_micro_usd: i64,
    /// Written by the offline writer because the remote provider failed.
    pub fallbacks: i64,
    pub failures: i64,
    pub avg_latency_ms: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AiUsageReport {
    pub days: i64,
    pub provider: String,
    pub model: String,
    pub rows: Vec<AiUsageRow>,
    pub total: AiUsageRow,
    pub user_limit_per_hour: i64,
    pub org_limit_per_hour: i64,
}

/// What the invitation page shows before the invitee accepts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InvitationInfo {
    pub org_name: String,
    pub email: String,
    pub role: crate::auth::Role,
}
