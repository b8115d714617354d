//! US addresses: state codes and the normalised key behind "address unique per
//! agent among non-archived listings" (product.md "Listings").

/// USPS codes for the 50 states, DC and the inhabited territories, because
/// listings can be anywhere the US postal system delivers. Military (AA/AE/AP)
/// and freely associated states are left out: nobody lists homes there with us.
const US_STATE_CODES: [&str; 56] = [
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS",
    "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY",
    "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV",
    "WI", "WY", "DC", "AS", "GU", "MP", "PR", "VI",
];

/// Whether `code` is a two-letter state code, in any case ("ma", "MA").
pub fn is_us_state_code(code: &str) -> bool {
    let upper = code.to_ascii_uppercase();
    US_STATE_CODES.contains(&upper.as_str())
}

/// Street words people spell several ways, mapped to one spelling so that
/// "12 Harbor Street, Apt. 4" and "12 harbor st unit 4" are the same place.
/// The abbreviations are USPS Publication 28's.
const WORD_ABBREVIATIONS: [(&str, &str); 22] = [
    ("street", "st"),
    ("avenue", "ave"),
    ("av", "ave"),
    ("road", "rd"),
    ("drive", "dr"),
    ("boulevard", "blvd"),
    ("lane", "ln"),
    ("court", "ct"),
    ("place", "pl"),
    ("terrace", "ter"),
    ("north", "n"),
    ("south", "s"),
    ("east", "e"),
    ("west", "w"),
    ("northeast", "ne"),
    ("northwest", "nw"),
    ("southeast", "se"),
    ("southwest", "sw"),
    ("apartment", "unit"),
    ("apt", "unit"),
    ("suite", "unit"),
    ("ste", "unit"),
];

/// The key that must be unique per agent among non-archived listings: the
/// normalised street, a space, and the 5-digit ZIP. Lower case, punctuation
/// dropped, whitespace folded, common suffixes, directions and unit words
/// abbreviated; "#4", "Apt 4", "Apt. #4" and "Suite 4" all become "unit 4".
pub fn address_key(street: &str, postal_code: &str) -> String {
    let mut cleaned = String::with_capacity(street.len() + 8);
    for c in street.chars().flat_map(char::to_lowercase) {
        match c {
            // "#4" is a unit number; spell it out so it folds with "apt 4".
            '#' => cleaned.push_str(" unit "),
            // Dropped outright so "St." matches "St" and "O'Neil" matches "ONeil".
            '.' | '\'' | '’' => {}
            c if c.is_alphanumeric() => cleaned.push(c),
            // Commas, hyphens, slashes separate words; keep them apart so "12-14"
            // does not become "1214".
            _ => cleaned.push(' '),
        }
    }
    let mut words: Vec<&str> = Vec::new();
    for word in cleaned.split_whitespace() {
        let word = WORD_ABBREVIATIONS
            .iter()
            .find(|(long, _)| *long == word)
            .map_or(word, |(_, short)| short);
        // "Apt #4" gives "unit unit 4"; one is enough.
        if word == "unit" && words.last() == Some(&"unit") {
            continue;
        }
        words.push(word);
    }
    let zip: String = postal_code
        .chars()
        .filter(char::is_ascii_digit)
        .take(5)
        .collect();
    format!("{} {zip}", words.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn state_codes_are_accepted_in_any_case() {
        for (code, ok) in [
            ("MA", true),
            ("ma", true),
            ("Ny", true),
            ("DC", true),
            ("PR", true),
            ("GU", true),
            ("XX", false),
            ("Mass", false),
            ("M", false),
            ("", false),
            ("AE", false),
        ] {
            assert_eq!(is_us_state_code(code), ok, "{code}");
        }
        assert_eq!(US_STATE_CODES.len(), 56);
    }

    #[test]
    fn the_same_address_written_differently_gives_the_same_key() {
        let same = [
            (
                ("12 Harbor Street, Apt. 4", "02110"),
                ("12 harbor st unit 4", "02110"),
            ),
            (
                ("12 Harbor St #4", "02110-1234"),
                ("12 HARBOR STREET APARTMENT 4", "02110"),
            ),
            (
                ("12 Harbor St., Apt #4", "02110"),
                ("12  harbor   st  suite 4", "02110"),
            ),
            (
                ("7 North Main Avenue", "10001"),
                ("7 N. Main Ave.", "10001"),
            ),
            (
                ("300 Ocean Boulevard", "33139"),
                ("300 ocean blvd", "33139"),
            ),
            (("9 West Elm Lane", "60601"), ("9 W Elm Ln", "60601")),
            (("4 Rose Court", "94110"), ("4 rose ct", "94110")),
            (("55 Park Place", "10007"), ("55 park pl", "10007")),
            (("18 Hill Terrace", "98101"), ("18 hill ter", "98101")),
            (("1 South Shore Road", "02108"), ("1 s shore rd", "02108")),
            (("2 East Drive", "02108"), ("2 e dr", "02108")),
            (("21 O'Neil Way", "02108"), ("21 ONeil Way", "02108")),
        ];
        for ((street_a, zip_a), (street_b, zip_b)) in same {
            assert_eq!(
                address_key(street_a, zip_a),
                address_key(street_b, zip_b),
                "{street_a} vs {street_b}"
            );
        }
    }

    #[test]
    fn keys_read_as_folded_street_then_five_digit_zip() {
        assert_eq!(
            address_key("12 Harbor Street, Apt. 4", "02110-1234"),
            "12 harbor st unit 4 02110"
        );
        assert_eq!(
            address_key(" 12-14 Main St ", "02110"),
            "12 14 main st 02110"
        );
    }

    #[test]
    fn different_places_give_different_keys() {
        let different = [
            (("12 Harbor St", "02110"), ("14 Harbor St", "02110")),
            (("12 Harbor St", "02110"), ("12 Harbor St", "02111")),
            (
                ("12 Harbor St Apt 4", "02110"),
                ("12 Harbor St Apt 5", "02110"),
            ),
            (("12 Harbor St", "02110"), ("12 Harbor Ave", "02110")),
            (("12-14 Main St", "02110"), ("1214 Main St", "02110")),
        ];
        for ((street_a, zip_a), (street_b, zip_b)) in different {
            assert_ne!(
                address_key(street_a, zip_a),
                address_key(street_b, zip_b),
                "{street_a} vs {street_b}"
            );
        }
    }
}
