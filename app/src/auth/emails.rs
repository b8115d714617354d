//! The account emails: text bodies with one action each. Private links (with a token)
//! are described here and signed only when the message is sent (`platform::mail`).

use chrono::{DateTime, Utc};
use shared::ids::{OrgId, UserId};
use uuid::Uuid;

use crate::platform::mail::{Action, Link, OutgoingEmail, SignedLink};
use crate::platform::tokens::Purpose;

fn email(
    org: OrgId,
    to: &str,
    subject: String,
    body: String,
    label: &str,
    link: Link,
) -> OutgoingEmail {
    OutgoingEmail {
        org_id: org,
        id: Uuid::new_v4(),
        to: to.to_owned(),
        subject,
        body_text: body,
        action: Some(Action {
            label: label.to_owned(),
            link,
        }),
    }
}

fn private(purpose: Purpose, subject: Uuid, pwv: Option<i64>) -> Link {
    Link::Signed(SignedLink {
        purpose,
        subject,
        pwv,
    })
}

pub fn verification(org: OrgId, user: UserId, to: &str, name: &str) -> OutgoingEmail {
    email(
        org,
        to,
        "Verify your email for PropertyPro".into(),
        format!("Hi {name},\n\nPlease confirm that {to} is your email address. The link works for one hour and only once."),
        "Verify your email",
        private(Purpose::VerifyEmail, user.0, None),
    )
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
        "Reset your password",
        Link::Plain(format!("{public_url}/forgot-password")),
    )
}

/// `password_version`: when the password last changed (microseconds); the link dies
/// when it changes again.
pub fn password_reset(
    org: OrgId,
    user: UserId,
    to: &str,
    name: &str,
    password_version: i64,
) -> OutgoingEmail {
    email(
        org,
        to,
        "Reset your PropertyPro password".into(),
        format!("Hi {name},\n\nSomeone (hopefully you) asked to reset the password for {to}. The link works for one hour and only once. If it wasn't you, ignore this email: your password stays as it is."),
        "Reset your password",
        private(Purpose::ResetPassword, user.0, Some(password_version)),
    )
}

/// From `inviter` (the signed-in admin) to the invited address.
pub fn invitation(
    inviter: &shared::dto::Me,
    invitation: Uuid,
    invite: &shared::forms::Invite,
) -> OutgoingEmail {
    let (org, org_name) = (inviter.org_id, &inviter.org_name);
    let role = invite.role.label().to_lowercase();
    let inviter = &inviter.name;
    email(
        org,
        &invite.email,
        format!("{inviter} invited you to {org_name} on PropertyPro"),
        format!("Hello,\n\n{inviter} invited you to join {org_name} on PropertyPro as {role}. The invitation works for 7 days."),
        "Accept the invitation",
        private(Purpose::Invitation, invitation, None),
    )
}

/// An invitation to an address that already has an account with another brokerage: the
/// admin is told "sent" either way (nothing reveals where an address has an account),
/// and the owner of the address learns what happened.
pub fn invitation_for_member_elsewhere(
    inviter: &shared::dto::Me,
    invite: &shared::forms::Invite,
    public_url: &str,
) -> OutgoingEmail {
    let (org_name, name) = (&inviter.org_name, &inviter.name);
    email(
        inviter.org_id,
        &invite.email,
        format!("{name} invited you to {org_name} on PropertyPro"),
        format!("Hello,\n\n{name} invited {} to join {org_name} on PropertyPro. This address already has a PropertyPro account with another brokerage, and an address can belong to one brokerage only. To join {org_name}, ask {name} to invite another address of yours.", invite.email),
        "Sign in",
        Link::Plain(format!("{public_url}/login")),
    )
}

/// Confirms a new brokerage: opening the link creates it and its admin.
pub fn registration(org: OrgId, to: &str, name: &str, org_name: &str) -> OutgoingEmail {
    email(
        org,
        to,
        format!("Confirm your email to create {org_name} on PropertyPro"),
        format!("Hi {name},\n\nOpen the link to finish creating {org_name} on PropertyPro; you will be its admin. The link works for one hour and only once. If you didn't ask for this, ignore this email and nothing is created."),
        "Create your brokerage",
        private(Purpose::Registration, org.0, None),
    )
}

/// Someone registered a brokerage with an address that already has an account.
pub fn registration_for_existing_account(
    org: OrgId,
    to: &str,
    name: &str,
    public_url: &str,
) -> OutgoingEmail {
    email(
        org,
        to,
        "You already have a PropertyPro account".into(),
        format!("Hi {name},\n\nSomeone (hopefully you) tried to create a new brokerage on PropertyPro with {to}. This address already has an account, so nothing was created. Sign in with it, or reset your password from the sign-in page if you forgot it. If this wasn't you, you can ignore this email."),
        "Sign in",
        Link::Plain(format!("{public_url}/login")),
    )
}
