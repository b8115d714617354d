//! One input type per form. `parse` is run by the browser before submit and by the
//! server again; the field names are the form's `name` attributes.

/// Declares a form as submitted: a struct of `String` fields named like the form's
/// `name` attributes, with its field list, its (name, value) pairs and a constructor
/// from named values. A field is declared here once; server functions take the whole
/// struct (`#[server(flatten)]`), so adding one touches this list, the parse, the row
/// and the view.
#[macro_export]
macro_rules! string_form {
    ($(#[$meta:meta])* $vis:vis struct $name:ident { $($(#[$fmeta:meta])* $field:ident),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
        // a field a client leaves out reads as empty (then `parse` says what is missing)
        #[serde(default)]
        $vis struct $name {
            $($(#[$fmeta])* pub $field: String,)*
        }

        impl $name {
            /// The form's field names, in the order they appear (the first invalid one gets focus).
            pub const FIELDS: &'static [&'static str] = &[$(stringify!($field)),*];

            /// Each field's name and value, in form order (for redirects that carry the values).
            pub fn pairs(&self) -> Vec<(&'static str, &str)> {
                vec![$((stringify!($field), self.$field.as_str())),*]
            }

            /// A form from named values (query string, form data); absent names are empty.
            pub fn from_named(get: impl Fn(&str) -> Option<String>) -> Self {
                $name { $($field: get(stringify!($field)).unwrap_or_default()),* }
            }
        }
    };
}

use crate::auth::Role;
use crate::error::FieldErrors;
use crate::password::check_new_password;

/// Longest email accepted (RFC 5321 path limit).
pub const EMAIL_MAX: usize = 254;

/// Trims and lower-cases an email and checks its shape: one `@`, a dot in the
/// domain, no spaces. Deliverability is proven by the verification link.
pub fn parse_email(raw: &str) -> Result<String, &'static str> {
    let email = raw.trim().to_lowercase();
    if email.is_empty() {
        return Err("Enter an email address.");
    }
    if email.len() > EMAIL_MAX {
        return Err("This email address is too long.");
    }
    let Some((local, domain)) = email.split_once('@') else {
        return Err("Enter an email address like name@example.com.");
    };
    let ok = !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !email.chars().any(|c| c.is_whitespace() || c.is_control());
    if ok {
        Ok(email)
    } else {
        Err("Enter an email address like name@example.com.")
    }
}

/// A person's or org's name: trimmed, inner whitespace folded, `min..=max` chars.
pub fn parse_name(raw: &str, min: usize, max: usize, what: &str) -> Result<String, String> {
    if let Some(problem) = crate::text::name_problem(raw) {
        return Err(problem.into());
    }
    let name = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    let n = name.chars().count();
    if n == 0 {
        Err(format!("Enter {what}."))
    } else if n < min {
        Err(format!("Use at least {min} characters."))
    } else if n > max {
        Err(format!("Use at most {max} characters."))
    } else {
        Ok(name)
    }
}

/// Registration: a new brokerage and its first admin.
#[derive(Debug, Clone, PartialEq)]
pub struct Registration {
    pub org_name: String,
    pub name: String,
    pub email: String,
    pub password: String,
}

impl Registration {
    pub fn parse(
        org_name: &str,
        name: &str,
        email: &str,
        password: &str,
    ) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        let org_name = parse_name(org_name, 2, 100, "your brokerage's name")
            .map_err(|m| errors.add("org_name", m))
            .unwrap_or_default();
        let name = parse_name(name, 1, 100, "your name")
            .map_err(|m| errors.add("name", m))
            .unwrap_or_default();
        let email = parse_email(email)
            .map_err(|m| errors.add("email", m))
            .unwrap_or_default();
        let local = email.split('@').next().unwrap_or_default().to_owned();
        if let Err(m) = check_new_password(password, &[&local, &name, &org_name]) {
            errors.add("password", m);
        }
        errors.into_result(Registration {
            org_name,
            name,
            email,
            password: password.to_owned(),
        })
    }
}

/// Sign-in: only shape checks; the server never says which part was wrong.
#[derive(Debug, Clone, PartialEq)]
pub struct Login {
    pub email: String,
    pub password: String,
}

impl Login {
    pub fn parse(email: &str, password: &str) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        let email = parse_email(email)
            .map_err(|m| errors.add("email", m))
            .unwrap_or_default();
        if password.is_empty() {
            errors.add("password", "Enter your password.");
        } else if password.chars().count() > crate::password::MAX_LEN {
            errors.add("password", "Email or password is incorrect.");
        }
        errors.into_result(Login {
            email,
            password: password.to_owned(),
        })
    }
}

/// An admin inviting someone by email with a role.
#[derive(Debug, Clone, PartialEq)]
pub struct Invite {
    pub email: String,
    pub role: Role,
}

impl Invite {
    pub fn parse(email: &str, role: &str) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        let email = parse_email(email)
            .map_err(|m| errors.add("email", m))
            .unwrap_or_default();
        let role = Role::parse(role);
        if role.is_none() {
            errors.add("role", "Choose a role.");
        }
        errors.into_result(Invite {
            email,
            role: role.unwrap_or(Role::Viewer),
        })
    }
}

/// The invitee's own name and password.
#[derive(Debug, Clone, PartialEq)]
pub struct AcceptInvite {
    pub name: String,
    pub password: String,
}

impl AcceptInvite {
    pub fn parse(name: &str, password: &str, email: &str) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        let name = parse_name(name, 1, 100, "your name")
            .map_err(|m| errors.add("name", m))
            .unwrap_or_default();
        let local = email.split('@').next().unwrap_or_default();
        if let Err(m) = check_new_password(password, &[local, &name]) {
            errors.add("password", m);
        }
        errors.into_result(AcceptInvite {
            name,
            password: password.to_owned(),
        })
    }
}

/// A new password from a reset link.
pub fn parse_new_password(password: &str, email: &str) -> Result<String, FieldErrors> {
    let local = email.split('@').next().unwrap_or_default();
    check_new_password(password, &[local])
        .map(|_| password.to_owned())
        .map_err(|m| FieldErrors::one("password", m))
}

/// Where to go after signing in: a path on this site only. Anything a browser could
/// read as another site ("//evil.example", "/\\evil.example", "https://…") or that carries
/// control characters is refused.
pub fn local_path(raw: &str) -> Option<&str> {
    let ok = raw.starts_with('/')
        && !raw.starts_with("//")
        && !raw.contains('\\')
        && raw.len() <= 512
        && !raw.chars().any(|c| c.is_control() || c.is_whitespace())
        && !raw
            .split(['?', '#'])
            .next()
            .unwrap_or("")
            .split('/')
            .any(|seg| seg == "..");
    ok.then_some(raw)
}

/// A team's name.
pub fn parse_team_name(raw: &str) -> Result<String, FieldErrors> {
    parse_name(raw, 1, 100, "a team name").map_err(|m| FieldErrors::one("name", m))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_normalised_and_checked() {
        assert_eq!(
            parse_email("  Dana@Harbor.Example "),
            Ok("dana@harbor.example".into())
        );
        for bad in [
            "",
            "dana",
            "dana@",
            "@harbor.example",
            "dana@harbor",
            "da na@x.com",
            "a@b@c.com",
            "a@.com",
        ] {
            assert!(parse_email(bad).is_err(), "{bad}");
        }
        assert!(parse_email(&format!("{}@x.com", "a".repeat(260))).is_err());
    }

    #[test]
    fn registration_reports_every_bad_field_at_once() {
        let e = Registration::parse("H", "", "nope", "short").unwrap_err();
        assert_eq!(e.get("org_name"), Some("Use at least 2 characters."));
        assert_eq!(e.get("name"), Some("Enter your name."));
        assert!(e.get("email").is_some());
        assert_eq!(e.get("password"), Some("Use at least 12 characters."));
    }

    #[test]
    fn a_valid_registration_is_trimmed() {
        let r = Registration::parse(
            " Harbor   Realty ",
            "Dana Whitfield",
            "DANA@harbor.example",
            "glacier-otter-violin",
        )
        .unwrap();
        assert_eq!(r.org_name, "Harbor Realty");
        assert_eq!(r.email, "dana@harbor.example");
    }

    #[test]
    fn an_invitation_needs_a_known_role() {
        assert!(Invite::parse("leo@harbor.example", "agent").is_ok());
        assert_eq!(
            Invite::parse("leo@harbor.example", "owner")
                .unwrap_err()
                .get("role"),
            Some("Choose a role.")
        );
    }

    #[test]
    fn only_paths_on_this_site_are_followed_after_sign_in() {
        assert_eq!(local_path("/listings/abc?x=1"), Some("/listings/abc?x=1"));
        assert_eq!(local_path("/"), Some("/"));
        for bad in [
            "//evil.example",
            "/\\evil.example",
            "https://evil.example",
            "evil.example",
            "",
            "/a/../..//evil.example",
            "/x\ty",
            "/ok\u{0}",
        ] {
            assert_eq!(local_path(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn sign_in_only_checks_shape() {
        assert!(Login::parse("dana@harbor.example", "x").is_ok());
        assert_eq!(
            Login::parse("dana@harbor.example", "")
                .unwrap_err()
                .get("password"),
            Some("Enter your password.")
        );
    }
}
