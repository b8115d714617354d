//! AI listing copy: the content kinds, tones and audiences, and the facts a text
//! may be written from (product.md "AI content", seed 002 L2045-2069).

use serde::{Deserialize, Serialize};

use crate::listing::{ListingStatus, PropertyType};

/// One kind of text written for a listing. Social posts are one kind per platform.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContentKind {
    Description,
    MlsRemarks,
    Instagram,
    Facebook,
    Linkedin,
    Email,
    Flyer,
    OpenHouse,
}

impl ContentKind {
    pub const ALL: [ContentKind; 8] = [
        Self::Description,
        Self::MlsRemarks,
        Self::Instagram,
        Self::Facebook,
        Self::Linkedin,
        Self::Email,
        Self::Flyer,
        Self::OpenHouse,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Description => "description",
            Self::MlsRemarks => "mls_remarks",
            Self::Instagram => "instagram",
            Self::Facebook => "facebook",
            Self::Linkedin => "linkedin",
            Self::Email => "email",
            Self::Flyer => "flyer",
            Self::OpenHouse => "open_house",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Description => "Description",
            Self::MlsRemarks => "MLS remarks",
            Self::Instagram => "Instagram post",
            Self::Facebook => "Facebook post",
            Self::Linkedin => "LinkedIn post",
            Self::Email => "Email",
            Self::Flyer => "Flyer",
            Self::OpenHouse => "Open-house invitation",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Tone {
    #[default]
    Professional,
    Friendly,
    Luxury,
    Concise,
}

impl Tone {
    pub const ALL: [Tone; 4] = [
        Self::Professional,
        Self::Friendly,
        Self::Luxury,
        Self::Concise,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Professional => "professional",
            Self::Friendly => "friendly",
            Self::Luxury => "luxury",
            Self::Concise => "concise",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Professional => "Professional",
            Self::Friendly => "Friendly",
            Self::Luxury => "Luxury",
            Self::Concise => "Concise",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    #[default]
    Buyers,
    Renters,
    Investors,
}

impl Audience {
    pub const ALL: [Audience; 3] = [Self::Buyers, Self::Renters, Self::Investors];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Buyers => "buyers",
            Self::Renters => "renters",
            Self::Investors => "investors",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Buyers => "Buyers",
            Self::Renters => "Renters",
            Self::Investors => "Investors",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

/// Everything a text may say about a listing: the prompt holds only these, and
/// the grounding check compares the output against them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ListingFacts {
    pub title: String,
    pub property_type: PropertyType,
    pub status: ListingStatus,
    /// USD cents.
    pub price_cents: i64,
    pub bedrooms: i16,
    /// Bathrooms in half units: 5 means 2.5 (RESO BathroomsTotal).
    pub bathroom_halves: i16,
    pub living_area_sqft: Option<i32>,
    pub lot_size_sqft: Option<i32>,
    pub year_built: Option<i16>,
    pub street: String,
    pub city: String,
    pub state: String,
    pub postal_code: String,
    /// Feature tags as the agent typed them ("hardwood floors", "two-car garage").
    pub features: Vec<String>,
    /// The listing agent, for contact blocks (never in MLS remarks).
    pub agent_name: String,
    pub agent_email: String,
}

/// Choices made when asking for a text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContentOptions {
    pub tone: Tone,
    pub audience: Audience,
    /// The MLS remarks cap (product.md: configurable, default 1,000).
    pub mls_char_limit: usize,
    /// "Saturday, June 6, 1-4 pm": when the open house is, if the agent gave it.
    pub open_house_when: Option<String>,
}

impl Default for ContentOptions {
    fn default() -> Self {
        Self {
            tone: Tone::default(),
            audience: Audience::default(),
            mls_char_limit: 1000,
            open_house_when: None,
        }
    }
}

/// A written text: `subject` for emails, `body` for everything (plain text with
/// line breaks; flyers use a headline line, "• " bullet lines and a contact block).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GeneratedText {
    pub subject: Option<String>,
    pub body: String,
}

/// The numbers a pricing explanation is written from (shared::pricing computes
/// them; the AI only puts them into words and must not add any).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PricingBrief {
    pub facts: ListingFacts,
    /// None when there were too few comparables to suggest a price.
    pub suggested_cents: Option<i64>,
    pub low_cents: Option<i64>,
    pub high_cents: Option<i64>,
    /// "high" | "medium" | "low".
    pub confidence: String,
    pub comparables_used: usize,
    /// Where the comparables came from: "ZIP 02110" or "Boston".
    pub scope: String,
    pub median_price_per_sqft_cents: Option<i64>,
    /// "below" | "within" | "above" the suggested range, for the current list price.
    pub position: Option<String>,
}

// ---- Length rules (product.md "AI content": each kind has its own rule, checked
// after generation and after every edit).

/// Description length in words. product.md AI content.
pub const DESCRIPTION_WORDS: (usize, usize) = (150, 250);
/// Email body length in words. product.md AI content.
pub const EMAIL_WORDS: (usize, usize) = (200, 300);
/// Social posts: characters before the hashtags. product.md AI content.
pub const SOCIAL_MAX_CHARS: usize = 200;
/// Open-house invitations stay short enough to read on a phone.
pub const OPEN_HOUSE_MAX_WORDS: usize = 200;
/// A flyer needs at least this many "• " bullet lines.
pub const FLYER_MIN_BULLETS: usize = 3;
/// The flyer bullet marker the writer and the flyer layout use.
pub const BULLET: &str = "• ";

/// Words as a reader counts them: whitespace-separated tokens holding at least one
/// letter or digit, so "•" and "—" do not count.
pub fn word_count(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// Words that make an email ask for something (product.md: "call to action").
const CTA_WORDS: [&str; 14] = [
    "schedule",
    "scheduling",
    "call",
    "reply",
    "book",
    "contact",
    "visit",
    "arrange",
    "tour",
    "email",
    "message",
    "rsvp",
    "request",
    "join",
];
const CTA_PHRASES: [&str; 4] = ["reach out", "get in touch", "let me know", "let us know"];

/// Whether the text has an email address, a phone number or a web address. MLS
/// remarks must not (MLS rules keep contact details in their own fields).
pub fn has_contact_info(text: &str) -> bool {
    has_email(text) || has_url(text) || has_phone(text)
}

fn trim_punct(token: &str) -> &str {
    token.trim_matches(|c: char| !c.is_alphanumeric())
}

fn has_email(text: &str) -> bool {
    text.split_whitespace().any(|token| {
        let Some((local, domain)) = trim_punct(token).split_once('@') else {
            return false;
        };
        let tld = domain.rsplit('.').next().unwrap_or_default();
        !local.is_empty()
            && domain.contains('.')
            && !domain.starts_with('.')
            && tld.len() >= 2
            && tld.chars().all(|c| c.is_ascii_alphabetic())
    })
}

/// Top-level domains seen in agents' and brokerages' web addresses.
const URL_TLDS: [&str; 16] = [
    "com", "net", "org", "io", "co", "us", "info", "biz", "realty", "realtor", "homes", "house",
    "estate", "app", "me", "ca",
];

fn has_url(text: &str) -> bool {
    text.split_whitespace().any(|token| {
        let lower = token.to_lowercase();
        if lower.contains("http://") || lower.contains("https://") || lower.starts_with("www.") {
            return true;
        }
        let t = trim_punct(&lower);
        let host = t.split('/').next().unwrap_or_default();
        let Some((name, tld)) = host.rsplit_once('.') else {
            return false;
        };
        let label = name.rsplit('.').next().unwrap_or_default();
        !t.contains('@')
            && URL_TLDS.contains(&tld)
            && label.chars().count() >= 2
            && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    })
}

/// North American phone shapes: 617-555-0100, (617) 555 0100, 617.555.0100,
/// +1 617 555 0100, 6175550100. Digit groups joined by commas (prices) never match.
fn has_phone(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    let is_sep = |c: char| matches!(c, ' ' | '-' | '.' | '(' | ')' | '\u{2013}');
    let mut i = 0;
    while i < chars.len() {
        let starts_group = chars[i].is_ascii_digit()
            && (i == 0 || !(chars[i - 1].is_alphanumeric() || chars[i - 1] == ','))
            && !(i >= 2 && chars[i - 1] == '.' && chars[i - 2].is_ascii_digit());
        if !starts_group {
            i += 1;
            continue;
        }
        let mut groups: Vec<(usize, char)> = Vec::new();
        let mut j = i;
        loop {
            let start = j;
            while j < chars.len() && chars[j].is_ascii_digit() {
                j += 1;
            }
            groups.push((j - start, chars[start]));
            let shape: Vec<usize> = groups.iter().map(|g| g.0).collect();
            let ends_clean = j == chars.len() || !(chars[j].is_alphanumeric() || chars[j] == ',');
            let phone = matches!(shape.as_slice(), [3, 3, 4] | [1, 3, 3, 4] | [10])
                || (shape == [11] && groups[0].1 == '1');
            if phone && ends_clean {
                return true;
            }
            let mut k = j;
            while k < chars.len() && k - j < 3 && is_sep(chars[k]) {
                k += 1;
            }
            if groups.len() == 4 || k == j || k >= chars.len() || !chars[k].is_ascii_digit() {
                break;
            }
            j = k;
        }
        i = j.max(i + 1);
    }
    false
}

/// The body without its trailing hashtags, and how many there were.
pub fn split_hashtags(body: &str) -> (&str, usize) {
    let mut rest = body.trim_end();
    let mut tags = 0;
    loop {
        let token_start = rest
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace())
            .map(|(i, c)| i + c.len_utf8())
            .unwrap_or(0);
        let token = &rest[token_start..];
        if token.len() > 1 && token.starts_with('#') {
            tags += 1;
            rest = rest[..token_start].trim_end();
        } else {
            return (rest, tags);
        }
    }
}

fn has_call_to_action(text: &str) -> bool {
    let lower = text.to_lowercase();
    let words_hit = lower
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| CTA_WORDS.contains(&w));
    words_hit || CTA_PHRASES.iter().any(|p| lower.contains(p))
}

fn words_rule(what: &str, words: usize, (min, max): (usize, usize)) -> Option<String> {
    if words < min {
        Some(format!(
            "{what} has {words} words; it needs at least {min}."
        ))
    } else if words > max {
        Some(format!(
            "{what} has {words} words; keep it to {max} or fewer."
        ))
    } else {
        None
    }
}

/// What is wrong with a text against its kind's length and format rule
/// (product.md AI content), as messages for the agent. Empty means it passes.
pub fn length_issues(
    kind: ContentKind,
    text: &GeneratedText,
    mls_char_limit: usize,
) -> Vec<String> {
    let body = text.body.trim();
    let mut issues = Vec::new();
    match kind {
        ContentKind::Description => {
            issues.extend(words_rule(
                "The description",
                word_count(body),
                DESCRIPTION_WORDS,
            ));
        }
        ContentKind::MlsRemarks => {
            let chars = body.chars().count();
            if chars > mls_char_limit {
                issues.push(format!(
                    "MLS remarks have {} characters; the MLS limit is {}.",
                    crate::listing::format_number(chars as i64),
                    crate::listing::format_number(mls_char_limit as i64)
                ));
            }
            if has_contact_info(body) {
                issues.push(
                    "MLS remarks must not contain contact details (an email address, phone number or web address)."
                        .to_owned(),
                );
            }
        }
        ContentKind::Instagram | ContentKind::Facebook | ContentKind::Linkedin => {
            let (words, _) = split_hashtags(body);
            let chars = words.chars().count();
            if word_count(words) == 0 {
                issues.push(format!("The {} has no text.", kind.label()));
            } else if chars > SOCIAL_MAX_CHARS {
                issues.push(format!(
                    "The {} has {chars} characters before its hashtags; keep it to {SOCIAL_MAX_CHARS}.",
                    kind.label()
                ));
            }
        }
        ContentKind::Email => {
            if text.subject.as_deref().is_none_or(|s| s.trim().is_empty()) {
                issues.push("The email needs a subject line.".to_owned());
            }
            issues.extend(words_rule("The email", word_count(body), EMAIL_WORDS));
            if !has_call_to_action(body) {
                issues.push(
                    "The email needs a call to action, such as inviting the reader to schedule a showing."
                        .to_owned(),
                );
            }
        }
        ContentKind::Flyer => {
            let first = body.lines().map(str::trim).find(|l| !l.is_empty());
            if first.is_none_or(|l| l.starts_with(BULLET.trim())) {
                issues.push("The flyer needs a headline on its first line.".to_owned());
            }
            let bullets = body
                .lines()
                .filter(|l| l.trim_start().starts_with(BULLET))
                .count();
            if bullets < FLYER_MIN_BULLETS {
                issues.push(format!(
                    "The flyer needs at least {FLYER_MIN_BULLETS} bullet points (lines starting with “• ”); it has {bullets}."
                ));
            }
            if !has_contact_block(body) {
                issues.push(
                    "The flyer needs a contact block with the agent's name and email.".to_owned(),
                );
            }
        }
        ContentKind::OpenHouse => {
            if !crate::phrase_match::contains(body, "open house") {
                issues.push("The invitation should mention the open house.".to_owned());
            }
            let words = word_count(body);
            if words > OPEN_HOUSE_MAX_WORDS {
                issues.push(format!(
                    "The invitation has {words} words; keep it to {OPEN_HOUSE_MAX_WORDS} or fewer."
                ));
            }
        }
    }
    issues
}

/// A flyer's contact block: an email, phone or web address, or a line that
/// introduces the agent. The rule has no facts to hand, so it looks for the shape.
fn has_contact_block(body: &str) -> bool {
    const LEADS: [&str; 6] = [
        "contact",
        "presented by",
        "listed by",
        "call",
        "email",
        "agent",
    ];
    has_contact_info(body)
        || body.lines().any(|l| {
            let l = l.trim().to_lowercase();
            LEADS.iter().any(|lead| l.starts_with(lead))
        })
}

/// Who wrote a text, for the line under it: "Written by the built-in writer
/// (offline)" / "Written by gpt-4o-mini".
pub fn writer_label(provider: Option<&str>, model: Option<&str>) -> String {
    match (provider, model) {
        (Some("offline") | None, _) => "Written by the built-in writer (offline)".into(),
        (Some(_), Some(m)) if !m.is_empty() => format!("Written by {m}"),
        (Some(p), _) => format!("Written by {p}"),
    }
}

/// Longest text accepted from the editor, and its email subject.
pub const EDIT_BODY_MAX: usize = 20_000;
pub const EDIT_SUBJECT_MAX: usize = 200;
/// A Fair-Housing-flagged text is approved only with a reason this long.
pub const OVERRIDE_MIN: usize = 10;

/// A text as the agent edited it (fields "subject" and "body"), trimmed: the body is free
/// text (newlines and tabs kept), the subject one line.
pub fn parse_text_edit(subject: &str, body: &str) -> Result<(String, String), crate::FieldErrors> {
    let mut errors = crate::FieldErrors::new();
    let (subject, body) = (subject.trim(), body.trim());
    if body.is_empty() {
        errors.add("body", "Write the text, or cancel the edit.");
    } else if body.chars().count() > EDIT_BODY_MAX {
        errors.add(
            "body",
            format!("Keep the text under {EDIT_BODY_MAX} characters."),
        );
    } else if let Some(problem) = crate::text::free_text_problem(body) {
        errors.add("body", problem);
    }
    if subject.chars().count() > EDIT_SUBJECT_MAX {
        errors.add(
            "subject",
            format!("Keep the subject under {EDIT_SUBJECT_MAX} characters."),
        );
    } else if let Some(problem) = crate::text::name_problem(subject) {
        errors.add("subject", problem);
    } else if subject.contains(['\n', '\r', '\t']) {
        errors.add("subject", "Keep the subject on one line.");
    }
    errors.into_result((subject.to_owned(), body.to_owned()))
}

/// Why approving a text is refused (field "override_reason"): a flagged text needs a
/// reason of `OVERRIDE_MIN` characters; any reason must be plain text.
pub fn override_reason_problem(reason: &str, flagged: bool) -> Option<String> {
    if let Some(problem) = crate::text::free_text_problem(reason) {
        return Some(problem.to_owned());
    }
    (flagged && reason.trim().chars().count() < OVERRIDE_MIN).then(|| {
        format!("This text has Fair Housing flags. Edit them out, or write why it is fine to publish (at least {OVERRIDE_MIN} characters).")
    })
}

#[cfg(test)]
mod edit_tests {
    use super::*;

    #[test]
    fn an_edit_keeps_lines_and_refuses_control_characters_by_field() {
        let (subject, body) = parse_text_edit("  Open house  ", " Line one\n\tLine two ").unwrap();
        assert_eq!(
            (subject.as_str(), body.as_str()),
            ("Open house", "Line one\n\tLine two")
        );
        let e = parse_text_edit("Hi\u{0}", "Text\u{1b}[31m").unwrap_err();
        assert_eq!(e.get("body"), Some(crate::text::CONTROL_CHARS));
        assert_eq!(e.get("subject"), Some(crate::text::CONTROL_CHARS));
        let e = parse_text_edit("Two\nlines", "").unwrap_err();
        assert_eq!(e.get("subject"), Some("Keep the subject on one line."));
        assert_eq!(e.get("body"), Some("Write the text, or cancel the edit."));
        let e = parse_text_edit("", &"x".repeat(EDIT_BODY_MAX + 1)).unwrap_err();
        assert!(e.get("body").unwrap().contains("20000"));
        assert!(parse_text_edit("\u{202E}txt.exe", "ok").is_err());
    }

    #[test]
    fn a_flagged_text_needs_a_reason_and_every_reason_is_plain_text() {
        assert_eq!(override_reason_problem("", false), None);
        assert!(override_reason_problem("too short", true).is_some());
        assert_eq!(
            override_reason_problem("Quoted from the HUD guidance", true),
            None
        );
        assert!(override_reason_problem("fine\u{0}", false).is_some());
    }
}

#[cfg(test)]
mod length_tests {
    use super::*;

    fn text(body: &str) -> GeneratedText {
        GeneratedText {
            subject: None,
            body: body.to_owned(),
        }
    }

    fn words(n: usize) -> String {
        vec!["word"; n].join(" ")
    }

    #[test]
    fn words_are_tokens_with_a_letter_or_digit() {
        for (t, n) in [
            ("", 0),
            ("one two  three", 3),
            ("• bullet — dash", 2),
            ("$500,000 3-bedroom", 2),
        ] {
            assert_eq!(word_count(t), n, "{t}");
        }
    }

    #[test]
    fn contact_details_are_recognised() {
        for t in [
            "Email dana@harbor.example today",
            "Call 617-555-0100.",
            "Call (617) 555-0100",
            "Call +1 617 555 0100",
            "text 6175550100",
            "see www.harborhomes.com",
            "see harborhomes.com/listing/12",
            "https://example.org",
        ] {
            assert!(has_contact_info(t), "{t}");
        }
        for t in [
            "Listed at $1,250,000 in Boston, MA 02116.",
            "3 bedrooms, 2.5 baths, 1,850 sq ft, built in 1925.",
            "Main St. and Elm Ave.",
            "Showings 1-4 pm, e.g. on Saturday.",
        ] {
            assert!(!has_contact_info(t), "{t}");
        }
    }

    #[test]
    fn descriptions_need_150_to_250_words() {
        for (n, ok) in [(149, false), (150, true), (250, true), (251, false)] {
            let issues = length_issues(ContentKind::Description, &text(&words(n)), 1000);
            assert_eq!(issues.is_empty(), ok, "{n}: {issues:?}");
        }
    }

    #[test]
    fn mls_remarks_are_capped_and_free_of_contact_details() {
        let long = "a".repeat(1001);
        assert_eq!(
            length_issues(ContentKind::MlsRemarks, &text(&long), 1000).len(),
            1
        );
        assert!(length_issues(ContentKind::MlsRemarks, &text(&long), 1001).is_empty());
        let issues = length_issues(ContentKind::MlsRemarks, &text("Call 617-555-0100"), 1000);
        assert!(issues[0].contains("contact details"), "{issues:?}");
    }

    #[test]
    fn social_posts_count_characters_before_the_hashtags() {
        let body = format!("{}\n\n#BostonRealEstate #NewListing", "x".repeat(200));
        assert!(length_issues(ContentKind::Instagram, &text(&body), 1000).is_empty());
        let body = format!("{} #BostonRealEstate", "x".repeat(201));
        assert_eq!(
            length_issues(ContentKind::Linkedin, &text(&body), 1000).len(),
            1
        );
        assert_eq!(split_hashtags("Hi #there you #a #b"), ("Hi #there you", 2));
        assert_eq!(split_hashtags("# alone"), ("# alone", 0));
    }

    #[test]
    fn emails_need_a_subject_length_and_call_to_action() {
        let body = format!("{} Reply to book a showing.", words(200));
        let ok = GeneratedText {
            subject: Some("New listing".into()),
            body: body.clone(),
        };
        assert!(length_issues(ContentKind::Email, &ok, 1000).is_empty());
        let issues = length_issues(ContentKind::Email, &text(&words(100)), 1000);
        assert_eq!(issues.len(), 3, "{issues:?}");
    }

    #[test]
    fn flyers_need_a_headline_bullets_and_contact_block() {
        let ok = "Sunny Townhouse\n• 3 bedrooms\n• 2 baths\n• Garage\n\nContact Dana Whitfield\ndana@harbor.example";
        assert!(length_issues(ContentKind::Flyer, &text(ok), 1000).is_empty());
        let issues = length_issues(ContentKind::Flyer, &text("• one\n• two"), 1000);
        assert_eq!(issues.len(), 3, "{issues:?}");
    }

    #[test]
    fn open_house_invitations_mention_it_and_stay_short() {
        let ok = "Join us at the Open-House on Saturday.";
        assert!(length_issues(ContentKind::OpenHouse, &text(ok), 1000).is_empty());
        let issues = length_issues(ContentKind::OpenHouse, &text(&words(201)), 1000);
        assert_eq!(issues.len(), 2, "{issues:?}");
    }
}
