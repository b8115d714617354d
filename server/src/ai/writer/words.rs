//! Wording helpers: articles, capitals, lists, plurals and acres.

use shared::listing::format_number;

/// "a"/"an" for the phrase that follows, including numbers ("an 8-bedroom",
/// "an 11-acre").
fn article(phrase: &str) -> &'static str {
    let lower = phrase.to_lowercase();
    let lead: String = lower.chars().take_while(char::is_ascii_digit).collect();
    if !lead.is_empty() {
        let an = lead.starts_with('8') || lead == "11" || lead == "18";
        return if an { "an" } else { "a" };
    }
    let an = match lower.chars().next() {
        Some('a' | 'e' | 'i' | 'o') => true,
        Some('u') => !["uni", "use", "usu"].iter().any(|p| lower.starts_with(p)),
        _ => lower.starts_with("hour") || lower.starts_with("hon"),
    };
    if an {
        "an"
    } else {
        "a"
    }
}

pub(super) fn with_article(phrase: &str) -> String {
    format!("{} {phrase}", article(phrase))
}

pub(super) fn cap(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Lower-cases the first letter of a feature unless it starts an acronym ("EV charger").
pub(super) fn soft_lower(s: &str) -> String {
    let mut chars = s.chars();
    match (chars.next(), chars.next()) {
        (Some(a), Some(b)) if a.is_uppercase() && b.is_lowercase() => {
            a.to_lowercase().chain(s.chars().skip(1)).collect()
        }
        _ => s.to_owned(),
    }
}

/// "a", "a and b", "a, b and c".
pub(super) fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

pub(super) fn plural(n: i64, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{} {many}", format_number(n))
    }
}

/// Square feet in an acre; lots from half an acre up read better in acres.
pub(super) const SQFT_PER_ACRE: f64 = 43_560.0;
pub(super) const ACRES_FROM_SQFT: i32 = 21_780;

/// "5", "1.5", "0.25": few digits, and the grounding check accepts any rounding
/// to the digits shown.
pub(super) fn format_acres(sqft: i32) -> String {
    let acres = f64::from(sqft) / SQFT_PER_ACRE;
    let s = if acres >= 10.0 {
        format!("{acres:.0}")
    } else if acres >= 1.0 {
        format!("{acres:.1}")
    } else {
        format!("{acres:.2}")
    };
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn articles_and_acres_read_naturally() {
        for (phrase, a) in [
            ("8-bedroom home", "an"),
            ("11-acre parcel", "an"),
            ("1-bedroom condo", "a"),
            ("apartment", "an"),
            ("unit", "a"),
            ("house", "a"),
            ("18-unit building", "an"),
            ("110-acre ranch", "a"),
        ] {
            assert_eq!(article(phrase), a, "{phrase}");
        }
        for (sqft, acres) in [
            (217_800, "5"),
            (65_340, "1.5"),
            (10_890, "0.25"),
            (871_200, "20"),
        ] {
            assert_eq!(format_acres(sqft), acres, "{sqft}");
        }
    }
}
