//! Fair Housing phrase check (product.md "AI content"; anchors.md 4.5): every
//! generated or edited text is checked against the org's admin-editable phrase
//! list, seeded from the HUD and NAR lists; hits are highlighted with the reason.

use serde::{Deserialize, Serialize};

use crate::error::FieldErrors;
use crate::forms::parse_name;
use crate::phrase_match::{find_all, Pattern};

/// One phrase to flag, with why, written for the agent who sees the highlight.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Phrase {
    pub phrase: String,
    /// One of [`CATEGORIES`].
    pub category: String,
    pub reason: String,
}

/// The protected classes the list is grouped by (anchors.md 4.5; race, color and
/// national origin share one group as the NAR list does), plus "other" for
/// red flags that signal exclusion without naming a class.
pub const CATEGORIES: [&str; 6] = [
    "familial_status",
    "sex",
    "religion",
    "race_national_origin",
    "disability",
    "other",
];

/// What the admin page and the highlight show for a category.
pub fn category_label(cat: &str) -> &'static str {
    match cat {
        "familial_status" => "Familial status",
        "sex" => "Sex",
        "religion" => "Religion",
        "race_national_origin" => "Race, color or national origin",
        "disability" => "Disability",
        _ => "Other",
    }
}

const FAMILY: &str = "Signals a preference about children or household make-up (familial status). Describe the property, not the people.";
const FAMILY_WELCOME: &str = "Suggests who the home is for by household type (familial status). Describe the property, not the people.";
const SEX: &str =
    "Suggests the home is for one sex (sex). Describe the room or suite by what it is.";
const RELIGION: &str = "Names a religion or place of worship, which can signal a religious preference (religion). Describe the property, not the neighbours.";
const RACE: &str = "Ethnic or national descriptors signal who is welcome (race, color, national origin). Describe the property, not the people.";
const CODED: &str = "Coded wording that an ordinary reader can take as a preference about race or national origin. Describe the property instead.";
const DISABILITY: &str = "Refers to disability or physical ability, which can signal exclusion (disability). Describe accessibility features of the property instead.";
const SAFETY: &str = "Claims about safety or crime are subjective and have been read as coded exclusion (anchors.md 4.5). Leave neighbourhood judgements to the reader.";
const RESTRICT: &str = "Suggests some buyers or renters are screened out. State lawful rules (such as an association's approval process) plainly instead.";

/// The seed list every new org starts with: anchors.md 4.5 (24 CFR 109.20 guide
/// words, NAR/NYSAR and NWMLS red-flag lists). HUD's explicitly allowed terms
/// ("master bedroom", "walk-in closet", "jogging trails", "walk to bus stop") are
/// deliberately absent.
pub fn default_phrases() -> Vec<Phrase> {
    let table: [(&str, &str, &str); 74] = [
        // familial status
        ("adults only", "familial_status", FAMILY),
        ("adult only", "familial_status", FAMILY),
        ("no children", "familial_status", FAMILY),
        ("no kids", "familial_status", FAMILY),
        ("no teenagers", "familial_status", FAMILY),
        ("child free", "familial_status", FAMILY),
        ("empty nesters", "familial_status", FAMILY_WELCOME),
        ("empty nester", "familial_status", FAMILY_WELCOME),
        ("newlyweds", "familial_status", FAMILY_WELCOME),
        ("perfect for singles", "familial_status", FAMILY_WELCOME),
        ("perfect for couples", "familial_status", FAMILY_WELCOME),
        ("couples only", "familial_status", FAMILY),
        ("singles only", "familial_status", FAMILY),
        ("family-friendly", "familial_status", FAMILY_WELCOME),
        ("family friendly", "familial_status", FAMILY_WELCOME),
        ("great for families", "familial_status", FAMILY_WELCOME),
        ("ideal for families", "familial_status", FAMILY_WELCOME),
        ("perfect for families", "familial_status", FAMILY_WELCOME),
        ("nursery", "familial_status", "Names a room by who will use it (a baby), signalling familial status. Call it a bedroom."),
        // sex
        ("bachelor pad", "sex", SEX),
        ("mother-in-law suite", "sex", "Names a suite by who will live there. Call it an accessory or guest suite."),
        ("mother in law", "sex", "Names a space by who will live there. Call it an accessory or guest suite."),
        ("his and hers", "sex", "Assumes the occupants are a man and a woman. Say \"dual closets\" or \"double vanity\"."),
        ("his & hers", "sex", "Assumes the occupants are a man and a woman. Say \"dual closets\" or \"double vanity\"."),
        ("male only", "sex", SEX),
        ("female only", "sex", SEX),
        ("men only", "sex", SEX),
        ("women only", "sex", SEX),
        ("ladies only", "sex", SEX),
        ("gentlemen only", "sex", SEX),
        // religion
        ("christian", "religion", RELIGION),
        ("christian community", "religion", RELIGION),
        ("jewish", "religion", RELIGION),
        ("catholic", "religion", RELIGION),
        ("muslim", "religion", RELIGION),
        ("church nearby", "religion", RELIGION),
        ("near church", "religion", RELIGION),
        ("walking distance to church", "religion", RELIGION),
        ("synagogue", "religion", RELIGION),
        ("mosque", "religion", RELIGION),
        ("parish", "religion", RELIGION),
        ("temple", "religion", RELIGION),
        // race, color, national origin
        ("exclusive", "race_national_origin", "Can signal that some groups are kept out; HUD and NAR lists flag it. Say what the property offers instead."),
        ("exclusive neighborhood", "race_national_origin", "Can signal that some groups are kept out; HUD and NAR lists flag it. Say what the property offers instead."),
        ("exclusive community", "race_national_origin", "Can signal that some groups are kept out; HUD and NAR lists flag it. Say what the property offers instead."),
        ("traditional neighborhood", "race_national_origin", CODED),
        ("integrated", "race_national_origin", CODED),
        ("ethnic", "race_national_origin", RACE),
        ("hispanic", "race_national_origin", RACE),
        ("latino", "race_national_origin", RACE),
        ("caucasian", "race_national_origin", RACE),
        ("asian", "race_national_origin", RACE),
        ("african american", "race_national_origin", RACE),
        ("white neighborhood", "race_national_origin", RACE),
        ("black neighborhood", "race_national_origin", RACE),
        ("english only", "race_national_origin", "A language requirement can signal national-origin preference. Describe the property, not the people."),
        ("ghetto", "race_national_origin", CODED),
        ("barrio", "race_national_origin", CODED),
        // disability
        ("able-bodied", "disability", DISABILITY),
        ("handicapped", "disability", DISABILITY),
        ("mentally ill", "disability", DISABILITY),
        ("mentally handicapped", "disability", DISABILITY),
        ("no wheelchairs", "disability", DISABILITY),
        ("not wheelchair", "disability", DISABILITY),
        ("physically fit", "disability", DISABILITY),
        ("crippled", "disability", DISABILITY),
        ("no disabled", "disability", DISABILITY),
        // other red flags
        ("safe neighborhood", "other", SAFETY),
        ("safe area", "other", SAFETY),
        ("crime-free", "other", SAFETY),
        ("restricted", "other", RESTRICT),
        ("membership approval", "other", RESTRICT),
        ("private community", "other", RESTRICT),
        ("no section 8", "other", "Source of income is a protected class in many states and cities (anchors.md 4.5). Leave out payment-source limits."),
    ];
    table
        .into_iter()
        .map(|(phrase, category, reason)| Phrase {
            phrase: phrase.to_owned(),
            category: category.to_owned(),
            reason: reason.to_owned(),
        })
        .collect()
}

/// One flagged occurrence: byte offsets into the checked text (char boundaries),
/// the text as written, and the phrase it matched with its category and reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hit {
    pub start: usize,
    pub end: usize,
    pub matched: String,
    pub phrase: String,
    pub category: String,
    pub reason: String,
}

/// Finds the phrases in `text`: case-insensitive, whole words, hyphens and
/// whitespace interchangeable, curly apostrophes equal to straight ones. Sorted
/// by start; of overlapping hits the longer one is kept.
pub fn check(text: &str, phrases: &[Phrase]) -> Vec<Hit> {
    let patterns: Vec<Pattern> = phrases.iter().map(|p| Pattern::new(&p.phrase)).collect();
    find_all(text, &patterns, false)
        .into_iter()
        .map(|f| {
            let p = &phrases[f.index];
            Hit {
                start: f.start,
                end: f.end,
                matched: text[f.start..f.end].to_owned(),
                phrase: p.phrase.clone(),
                category: p.category.clone(),
                reason: p.reason.clone(),
            }
        })
        .collect()
}

/// A piece of the text for highlighting: `hit` indexes the hits slice when flagged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Segment {
    pub text: String,
    pub hit: Option<usize>,
}

/// Splits `text` into plain and flagged pieces in order. Hits that overlap an
/// earlier one or do not fit the text (stale after an edit) are left plain.
pub fn segments(text: &str, hits: &[Hit]) -> Vec<Segment> {
    let mut order: Vec<usize> = (0..hits.len()).collect();
    order.sort_by_key(|&i| (hits[i].start, hits[i].end));
    let mut out = Vec::new();
    let mut pos = 0;
    for i in order {
        let h = &hits[i];
        let fits = h.start >= pos
            && h.start < h.end
            && h.end <= text.len()
            && text.is_char_boundary(h.start)
            && text.is_char_boundary(h.end);
        if !fits {
            continue;
        }
        if h.start > pos {
            out.push(Segment {
                text: text[pos..h.start].to_owned(),
                hit: None,
            });
        }
        out.push(Segment {
            text: text[h.start..h.end].to_owned(),
            hit: Some(i),
        });
        pos = h.end;
    }
    if pos < text.len() {
        out.push(Segment {
            text: text[pos..].to_owned(),
            hit: None,
        });
    }
    out
}

/// The admin form for adding or editing a phrase (fields "phrase", "category",
/// "reason"). The phrase is stored lower-cased with whitespace folded, since
/// matching ignores case and spacing anyway.
pub fn parse_phrase_input(
    phrase: &str,
    category: &str,
    reason: &str,
) -> Result<Phrase, FieldErrors> {
    let mut errors = FieldErrors::new();
    let phrase = parse_name(&phrase.to_lowercase(), 2, 80, "a phrase")
        .map_err(|m| errors.add("phrase", m))
        .unwrap_or_default();
    if !phrase.is_empty() && !phrase.chars().any(char::is_alphanumeric) {
        errors.add("phrase", "Use at least one letter or digit.");
    }
    let category = category.trim();
    if !CATEGORIES.contains(&category) {
        errors.add("category", "Choose a category.");
    }
    let reason = parse_name(reason, 5, 300, "a reason the agent will see")
        .map_err(|m| errors.add("reason", m))
        .unwrap_or_default();
    errors.into_result(Phrase {
        phrase,
        category: category.to_owned(),
        reason,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matched(text: &str) -> Vec<String> {
        check(text, &default_phrases())
            .into_iter()
            .map(|h| h.matched)
            .collect()
    }

    #[test]
    fn the_seed_list_is_broad_categorised_and_explained() {
        let phrases = default_phrases();
        assert!(phrases.len() >= 60);
        for p in &phrases {
            assert!(CATEGORIES.contains(&p.category.as_str()), "{p:?}");
            assert!(p.reason.len() >= 20, "{p:?}");
            assert_eq!(
                parse_phrase_input(&p.phrase, &p.category, &p.reason).as_ref(),
                Ok(p),
                "the seed list passes the admin form's rules"
            );
        }
        let mut names: Vec<&str> = phrases.iter().map(|p| p.phrase.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), phrases.len(), "no duplicates");
    }

    #[test]
    fn hud_allowed_terms_are_not_flagged() {
        for text in [
            "The master bedroom has a walk-in closet.",
            "Jogging trails nearby; walk to bus stop.",
            "Great view from this fourth-floor walk-up.",
        ] {
            assert!(matched(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn protected_class_phrases_are_flagged_with_their_category() {
        for (text, phrase, category) in [
            (
                "A family-friendly street.",
                "family-friendly",
                "familial_status",
            ),
            (
                "Perfect for couples!",
                "perfect for couples",
                "familial_status",
            ),
            (
                "Walking distance to church.",
                "walking distance to church",
                "religion",
            ),
            (
                "In an exclusive neighborhood",
                "exclusive neighborhood",
                "race_national_origin",
            ),
            ("Not wheelchair friendly", "not wheelchair", "disability"),
            ("A safe neighborhood", "safe neighborhood", "other"),
            (
                "Mother-in-law suite over the garage",
                "mother-in-law suite",
                "sex",
            ),
        ] {
            let hits = check(text, &default_phrases());
            assert_eq!(hits.len(), 1, "{text}: {hits:?}");
            assert_eq!(hits[0].category, category, "{text}");
            assert_eq!(hits[0].phrase, phrase, "{text}");
        }
    }

    #[test]
    fn matching_ignores_case_spacing_and_apostrophe_style_but_not_word_parts() {
        assert_eq!(matched("FAMILY  FRIENDLY"), vec!["FAMILY  FRIENDLY"]);
        assert_eq!(matched("Family-Friendly"), vec!["Family-Friendly"]);
        assert!(matched("Listed by Ann Christiansen").is_empty());
        assert!(matched("Disintegrated sealant replaced.").is_empty());
        let custom = [Phrase {
            phrase: "his' den".into(),
            category: "sex".into(),
            reason: "test reason".into(),
        }];
        assert_eq!(check("His’ den", &custom).len(), 1);
    }

    #[test]
    fn hits_are_sorted_with_byte_offsets_and_overlaps_keep_the_longer() {
        let text = "Près de l’église — nursery, christian community, adults only.";
        let hits = check(text, &default_phrases());
        let got: Vec<(&str, &str)> = hits
            .iter()
            .map(|h| (&text[h.start..h.end], h.phrase.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("nursery", "nursery"),
                ("christian community", "christian community"),
                ("adults only", "adults only"),
            ]
        );
    }

    #[test]
    fn segments_split_text_into_plain_and_flagged_pieces() {
        let text = "Cozy nursery and den, family friendly.";
        let hits = check(text, &default_phrases());
        let segs = segments(text, &hits);
        let shape: Vec<(&str, Option<usize>)> =
            segs.iter().map(|s| (s.text.as_str(), s.hit)).collect();
        assert_eq!(
            shape,
            vec![
                ("Cozy ", None),
                ("nursery", Some(0)),
                (" and den, ", None),
                ("family friendly", Some(1)),
                (".", None),
            ]
        );
        let joined: String = segs.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(joined, text);
        assert_eq!(segments("", &[]), vec![]);
        let stale = Hit {
            start: 3,
            end: 99,
            ..hits[0].clone()
        };
        assert_eq!(segments("abc", &[stale]).len(), 1);
    }

    #[test]
    fn the_admin_form_normalises_and_checks_each_field() {
        assert_eq!(
            parse_phrase_input(
                "  Perfect   For Singles ",
                "familial_status",
                "Signals who should live here."
            ),
            Ok(Phrase {
                phrase: "perfect for singles".into(),
                category: "familial_status".into(),
                reason: "Signals who should live here.".into(),
            })
        );
        let errors = parse_phrase_input("x", "colour", "no").unwrap_err();
        for field in ["phrase", "category", "reason"] {
            assert!(errors.get(field).is_some(), "{field}: {errors}");
        }
        assert!(parse_phrase_input("--", "sex", "a good reason").is_err());
        assert!(parse_phrase_input(&"a".repeat(81), "sex", "a good reason").is_err());
        assert!(parse_phrase_input("ok", "sex", &"r".repeat(301)).is_err());
    }

    #[test]
    fn every_category_has_a_label() {
        for c in CATEGORIES {
            assert_ne!(category_label(c), "", "{c}");
        }
        assert_eq!(category_label("familial_status"), "Familial status");
        assert_eq!(category_label("nonsense"), "Other");
    }
}
