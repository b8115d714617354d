//! Password rules (NIST 800-63B, product.md "Accounts and sessions"): 12 to 128
//! characters, not a common or obviously guessable password, no composition rules.

/// Shortest password accepted.
pub const MIN_LEN: usize = 12;
/// Longest password accepted (argon2 cost stays bounded).
pub const MAX_LEN: usize = 128;

/// Common passwords that are long enough to pass the length rule.
const COMMON: &str = include_str!("common_passwords.txt");

/// Checks a new password; `context` holds words the password must not be built
/// from (the email's local part, the person's and the org's names).
pub fn check_new_password(password: &str, context: &[&str]) -> Result<(), &'static str> {
    let len = password.chars().count();
    if len < MIN_LEN {
        return Err("Use at least 12 characters.");
    }
    if len > MAX_LEN {
        return Err("Use at most 128 characters.");
    }
    let lower = password.to_lowercase();
    let first = lower.chars().next();
    if lower.chars().all(|c| Some(c) == first) || is_sequence(&lower) {
        return Err("This password is too easy to guess. Choose another.");
    }
    if COMMON.lines().any(|p| p.trim() == lower) || lower.contains("propertypro") {
        return Err("This password is too common. Choose another.");
    }
    let squashed: String = lower.chars().filter(|c| c.is_alphanumeric()).collect();
    for word in context {
        let w: String = word
            .to_lowercase()
            .chars()
            .filter(|c| c.is_alphanumeric())
            .collect();
        if w.chars().count() >= 4 && squashed.contains(&w) && squashed.len() < w.len() + 6 {
            return Err("Don't build your password from your name or email.");
        }
    }
    Ok(())
}

/// "abcdefghijklm", "123456789012", "987654321098": each char one step from the last.
fn is_sequence(s: &str) -> bool {
    let b: Vec<u32> = s.chars().map(|c| c as u32).collect();
    b.windows(2).all(|w| w[1] == w[0] + 1) || b.windows(2).all(|w| w[0] == w[1] + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn password_rules_accept_and_refuse_as_specified() {
        let cases: &[(&str, bool)] = &[
            ("short", false),
            ("elevenchars", false),
            ("twelve chars", true),
            ("correct-horse-battery-9", true),
            ("password1234", false),
            ("PASSWORD1234", false),
            ("aaaaaaaaaaaaaaa", false),
            ("123456789012", false),
            ("abcdefghijklmn", false),
            ("my propertypro login", false),
            ("glacier-otter-violin", true),
        ];
        for (pw, ok) in cases {
            assert_eq!(check_new_password(pw, &[]).is_ok(), *ok, "{pw}");
        }
        let long = "x".repeat(60) + &"y".repeat(69);
        assert_eq!(
            check_new_password(&long, &[]),
            Err("Use at most 128 characters.")
        );
    }

    #[test]
    fn a_password_made_of_the_users_name_is_refused() {
        assert!(
            check_new_password("danawhitfield1", &["dana.whitfield", "Dana Whitfield"]).is_err()
        );
        assert!(check_new_password("dana rides a blue bicycle", &["dana"]).is_ok());
    }
}
