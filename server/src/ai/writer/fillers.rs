//! Sentences about the process, not the property, that bring a text up to its
//! minimum length: a pool a tone, audience and closed-listing sentences, and `fill`.

use shared::content::{word_count, Audience, Tone};

use super::ctx::Ctx;

impl Ctx<'_> {
    /// Sentences about the process, not the property: they lengthen a text to its
    /// minimum without stating anything the facts do not hold. Each has a theme
    /// so a text never says the same thing twice in other words.
    pub(super) fn fillers(&mut self) -> Vec<Filler> {
        let mut own: Vec<Filler> = match self.tone {
            Tone::Professional => PROFESSIONAL_FILLERS.to_vec(),
            Tone::Friendly => FRIENDLY_FILLERS.to_vec(),
            Tone::Luxury => LUXURY_FILLERS.to_vec(),
            Tone::Concise => CONCISE_FILLERS.to_vec(),
        };
        let audience: &[Filler] = match (self.audience, self.tone) {
            (Audience::Buyers, Tone::Concise) => &[("finance", "Pre-approval helps you move quickly."), ("offers", "We can explain how offers work.")],
            (Audience::Buyers, Tone::Friendly) => &[("finance", "Thinking about financing? A pre-approval letter can help you move quickly."), ("offers", "We'll explain how offers work, step by step.")],
            (Audience::Buyers, _) => &[("finance", "If you plan to finance, a pre-approval letter helps you move quickly when the time comes."), ("offers", "We can explain how offers are prepared and presented.")],
            (Audience::Renters, Tone::Concise) => &[("application", "Application help is available."), ("lease", "Ask what the lease includes.")],
            (Audience::Renters, Tone::Friendly) => &[("application", "We'll walk you through the application so there are no surprises."), ("lease", "Ask us what the lease covers.")],
            (Audience::Renters, _) => &[("application", "We can explain the application steps and the documents to have ready."), ("lease", "Ask us what the lease covers and how renewals work.")],
            (Audience::Investors, Tone::Concise) => &[("analysis", "Listing data is ready for your analysis."), ("closing", "Ask about closing timelines.")],
            (Audience::Investors, Tone::Friendly) => &[("analysis", "We're glad to share the listing details for your own analysis."), ("closing", "Curious about timelines? We'll map out the path to closing with you.")],
            (Audience::Investors, _) => &[("analysis", "We can provide the listing facts in a format that suits your own analysis."), ("closing", "Ask us about the steps and timelines for closing on an investment purchase.")],
        };
        self.rng.shuffle(&mut own);
        let mut out: Vec<Filler> = if self.closed() {
            CLOSED_FILLERS.to_vec()
        } else {
            audience.to_vec()
        };
        // Concise text stays short-sentenced, but a long run of fragments reads
        // like a form: after a few, the measured professional sentences take over.
        let keep = if self.tone == Tone::Concise {
            6
        } else {
            own.len()
        };
        let later = own.split_off(keep.min(own.len()));
        out.extend(own);
        // For very sparse facts: the professional sentences read well in any tone.
        if self.tone != Tone::Professional {
            let mut extra = PROFESSIONAL_FILLERS.to_vec();
            self.rng.shuffle(&mut extra);
            out.extend(extra);
        }
        out.extend(later);
        if self.closed() {
            out.retain(|(theme, _)| !SHOWING_THEMES.contains(theme));
        }
        out
    }
}

/// (theme, sentence): a sentence about the process, never about the property.
pub(super) type Filler = (&'static str, &'static str);

/// Themes that offer a visit: wrong once a listing has sold or leased.
const SHOWING_THEMES: [&str; 14] = [
    "schedule",
    "in_person",
    "agent",
    "flex",
    "evening",
    "measure",
    "checklist",
    "walkthrough",
    "picture",
    "responsive",
    "docs",
    "details",
    "compare",
    "pace",
];

/// For sold and leased listings: the result, and what we can do next.
const CLOSED_FILLERS: [Filler; 7] = [
    ("selling", "Thinking of selling? We are glad to talk through what this result could mean for your own property."),
    ("market", "Ask us how this result compares with other recent activity in the area."),
    ("next", "Whatever your next move, we are happy to help you plan it."),
    ("results", "Every result tells us something about the market, and we are glad to share what we learn."),
    ("search", "Tell us what you are looking for and we will keep an eye out on your behalf."),
    ("valuation", "If you own a similar property, we can prepare an estimate of its value from recent comparable sales."),
    ("timing", "Questions about timing, pricing or preparing for your own move are always welcome."),
];

const PROFESSIONAL_FILLERS: [Filler; 14] = [
    ("docs", "Disclosures and listing documents are available on request."),
    ("walkthrough", "We can walk you through the listing details and answer questions before you visit."),
    ("schedule", "Showings are arranged by appointment, and we are glad to work around your schedule."),
    ("compare", "If you are comparing several properties, we can prepare a side-by-side summary of the facts for each."),
    ("in_person", "Seeing the property in person is the best way to judge how the space works for you."),
    ("verify", "All information should be independently verified before you rely on it."),
    ("responsive", "We respond to inquiries promptly and can coordinate a visit on short notice."),
    ("questions", "Questions about the property, the process or the next steps are always welcome."),
    ("agent", "If you are working with an agent of your own, they are welcome to arrange a visit on your behalf."),
    ("stages", "We can also explain what to expect at each stage, from the first showing to closing."),
    ("aim", "Our aim is to give you the facts you need to make a confident decision."),
    ("measure", "Measurements and details can be confirmed during your visit."),
    ("pace", "Take the time you need; we will make sure your questions are answered along the way."),
    ("channels", "We are happy to answer questions by phone, by email or in person."),
];

const FRIENDLY_FILLERS: [Filler; 13] = [
    ("questions", "Got questions? We're always happy to help."),
    (
        "schedule",
        "We'd love to show you around, so just let us know what time works for you.",
    ),
    (
        "in_person",
        "A visit is the best way to get a feel for the place.",
    ),
    (
        "pace",
        "There's no pressure: take your time and ask us anything.",
    ),
    (
        "docs",
        "We can send over the listing details so you have everything in one place.",
    ),
    (
        "compare",
        "If you're weighing a few options, we're glad to help you compare them.",
    ),
    (
        "picture",
        "Picture how you'd use each space, then come see it in person.",
    ),
    (
        "stages",
        "We'll make the process as easy as we can, from the first visit to the last signature.",
    ),
    (
        "evening",
        "Prefer evenings or weekends? Just ask and we'll do our best to make it work.",
    ),
    (
        "walkthrough",
        "Not sure about the next steps? We'll walk you through them.",
    ),
    (
        "channels",
        "We're happy to chat by phone, email or text, whatever suits you best.",
    ),
    (
        "checklist",
        "Write down your must-haves and see how this one measures up.",
    ),
    (
        "agent",
        "Already have an agent? They're welcome to set up a visit with us.",
    ),
];

const LUXURY_FILLERS: [Filler; 13] = [
    (
        "details",
        "Every detail of the listing is available for your review on request.",
    ),
    (
        "schedule",
        "Viewings are arranged privately and at your convenience.",
    ),
    (
        "walkthrough",
        "We would be delighted to guide you through the property in person.",
    ),
    (
        "service",
        "Our team offers discreet, attentive service from the first inquiry to closing.",
    ),
    (
        "in_person",
        "A personal visit is the finest way to appreciate what the property offers.",
    ),
    (
        "docs",
        "Documentation and disclosures can be provided in advance of your visit.",
    ),
    (
        "flex",
        "We are pleased to accommodate your schedule wherever possible.",
    ),
    (
        "responsive",
        "Your inquiry will receive our prompt and personal attention.",
    ),
    (
        "agent",
        "Should you be represented by an agent, we welcome their inquiry on your behalf.",
    ),
    (
        "pace",
        "We invite you to consider the property at your own pace.",
    ),
    (
        "questions",
        "Every question is welcome, and every answer will be given with care.",
    ),
    (
        "verify",
        "Information is deemed reliable but should be independently verified.",
    ),
    ("aim", "We look forward to introducing you to the property."),
];

const CONCISE_FILLERS: [Filler; 18] = [
    ("docs", "Disclosures are available on request."),
    ("questions", "Questions are always welcome."),
    ("details", "The full listing sheet is available."),
    ("verify", "Please verify all details independently."),
    ("agent", "Your agent is welcome to schedule."),
    ("responsive", "We reply to every inquiry quickly."),
    ("flex", "Showing times are flexible where possible."),
    ("in_person", "See it in person before you decide."),
    ("compare", "Compare it with your shortlist."),
    ("stages", "We can explain each step of the process."),
    ("checklist", "Bring your questions to the showing."),
    (
        "evening",
        "Evening and weekend visits are possible on request.",
    ),
    ("channels", "Phone, email or text: your choice."),
    ("schedule", "We handle the scheduling for you."),
    ("walkthrough", "Get the facts before you visit."),
    ("pace", "Take your time; there is no pressure."),
    ("measure", "Confirm measurements at the showing."),
    ("aim", "Clear facts make for confident decisions."),
];

/// Adds sentences from `pool` (in order) while the total stays at or under `max`,
/// until it reaches `target` words: first one per theme, then, only if still
/// short, repeats of a theme in other words. Returns the sentences added.
pub(super) fn fill(current: usize, target: usize, max: usize, pool: &[Filler]) -> Vec<String> {
    let mut total = current;
    let mut out: Vec<String> = Vec::new();
    let mut themes: Vec<&str> = Vec::new();
    for strict in [true, false] {
        for &(theme, s) in pool {
            if total >= target {
                return out;
            }
            let w = word_count(s);
            let repeat = out.iter().any(|o| o == s) || (strict && themes.contains(&theme));
            if !repeat && total + w <= max {
                total += w;
                themes.push(theme);
                out.push(s.to_owned());
            }
        }
    }
    out
}
