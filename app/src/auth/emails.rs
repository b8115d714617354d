//! The account emails: text bodies with one action link each.

use chrono::{DateTime, Utc};
use shared::ids::{OrgId, UserId};
use uuid::Uuid;

use crate::error::AppError;
use crate::platform::mail::OutgoingEmail;
use crate::platform::tokens::Purpose;
use crate::platform::ServerCtx;

fn email(
    org: OrgId,
    to: &str,
    subject: String,
    body: String,
    url: String,
    label: &str,
) -> OutgoingEmail {
    OutgoingEmail {
        org_id: org,
        id: Uuid::new_v4(),
        to: to.to_owned(),
        subject,
        body_text: format!("{body}\n\n{label}: {url}\n\n— PropertyPro"),
        action_url: Some(url),
        action_label: Some(label.to_owned()),
    }
}

pub fn verification(
    ctx: &ServerCtx,
    org: OrgId,
    user: UserId,
    to: &str,
    name: &str,
    now: DateTime<Utc>,
) -> Result<OutgoingEmail, AppError> {
    let token = ctx.tokens.sign(Purpose::VerifyEmail, org, user.0, now)?;
    Ok(email(
        org,
        to,
        "Verify your email for PropertyPro".into(),
        format!("Hi {name},\n\nPlease confirm that {to} is your email address. The link works for one hour and only once."),
        format!("{}/verify-email?token={token}", ctx.public_url),
        "Verify your email",
    ))
}

/// Tells the user their password changed (and what to do if it wasn't them).
pub fn password_changed(
    org: OrgId,
    to: &str,
    name: &str,
    public_url: &str,
    now: DateTime<Utc>,
) -> OutgoingEmail {
    email(
        org,
        to,
        "Your PropertyPro password was changed".into(),
        format!(
            "Hi {name},\n\nThe password for {to} was changed on {} UTC, and every other device was signed out. If this wasn't you, reset your password now and tell your brokerage's admin.",
            now.format("%b %-d, %Y at %H:%M")
        ),
        format!("{public_url}/forgot-password"),
        "Reset your password",
    )
}

/// `password_version`: when the password last changed (microseconds); the link dies
/// when it changes again.
pub fn password_reset(
    ctx: &ServerCtx,
    org: OrgId,
    user: UserId,
    to: &str,
    name: &str,
    password_version: i64,
    now: DateTime<Utc>,
) -> Result<OutgoingEmail, AppError> {
    let token = ctx.tokens.sign_bound(
        Purpose::ResetPassword,
        org,
        user.0,
        now,
        Some(password_version),
    )?;
    Ok(email(
        org,
        to,
        "Reset your PropertyPro password".into(),
        format!("Hi {name},\n\nSomeone (hopefully you) asked to reset the password for {to}. The link works for one hour and only once. If it wasn't you, ignore this email: your password stays as it is."),
        format!("{}/reset-password?token={token}", ctx.public_url),
        "Reset your password",
    ))
}

/// From `inviter` (the signed-in admin) to the invited address.
pub fn invitation(
    ctx: &ServerCtx,
    inviter: &shared::dto::Me,
    invitation: Uuid,
    invite: &shared::forms::Invite,
    now: DateTime<Utc>,
) -> Result<OutgoingEmail, AppError> {
    let (org, org_name) = (inviter.org_id, &inviter.org_name);
    let role = invite.role.label().to_lowercase();
    let inviter = &inviter.name;
    let token = ctx.tokens.sign(Purpose::Invitation, org, invitation, now)?;
    Ok(email(
        org,
        &invite.email,
        format!("{inviter} invited you to {org_name} on PropertyPro"),
        format!("Hello,\n\n{inviter} invited you to join {org_name} on PropertyPro as {role}. The invitation works for 7 days."),
        format!("{}/invite?token={token}", ctx.public_url),
        "Accept the invitation",
    ))
}
