//! The marketing email: a subject line, the fact paragraphs, a call to reply,
//! the agent's sign-off and the Equal Housing Opportunity line.

use shared::content::{word_count, GeneratedText, Tone, EMAIL_WORDS};
use shared::listing::ListingStatus;

use super::ctx::Ctx;
use super::description::{fact_paragraphs, paragraphs, words_in};
use super::fillers::fill;
use super::words::{cap, with_article};

fn sign_off(ctx: &Ctx, greeting: &str) -> Vec<String> {
    let f = ctx.facts;
    let mut lines = vec![greeting.to_owned()];
    for s in [f.agent_name.trim(), f.agent_email.trim()] {
        if !s.is_empty() {
            lines.push(s.to_owned());
        }
    }
    if lines.len() == 1 {
        lines.push("The listing team".to_owned());
    }
    lines
}

/// "Equal Housing Opportunity" in ads (anchors.md 4.5, 24 CFR 109.30).
pub(super) const EHO: &str = "Equal Housing Opportunity.";

pub(super) fn email(ctx: &mut Ctx) -> GeneratedText {
    let core = ctx.headline_core();
    let city = ctx.city_or_place();
    let in_city = city
        .as_deref()
        .map(|c| format!(" in {c}"))
        .unwrap_or_default();
    let subject = match ctx.facts.status {
        ListingStatus::ComingSoon => format!("Coming soon: {}{in_city}", cap(&core)),
        ListingStatus::UnderContract => format!("Under contract: {}{in_city}", cap(&core)),
        ListingStatus::Sold => format!("Just sold: {}{in_city}", cap(&core)),
        ListingStatus::Rented => format!("Just leased: {}{in_city}", cap(&core)),
        _ => {
            let mut o = match ctx.tone {
                Tone::Professional => vec![
                    format!("New listing: {}{in_city}", cap(&core)),
                    format!("For your review: {}{in_city}", with_article(&core)),
                ],
                Tone::Friendly => vec![
                    format!("Take a look at this {core}{in_city}"),
                    format!("{}{in_city} you'll want to see", cap(&with_article(&core))),
                ],
                Tone::Luxury => vec![format!("Presenting {}{in_city}", with_article(&core))],
                Tone::Concise => vec![format!("{}{in_city}", cap(&core))],
            };
            if let Some(t) = ctx.title.clone() {
                o.push(t);
            }
            if let (Tone::Luxury, Some(s)) = (ctx.tone, ctx.street.clone()) {
                o.push(format!("An invitation to view {s}"));
            }
            if let (Tone::Concise, Some(p)) = (ctx.tone, ctx.price()) {
                o = vec![format!("{}{in_city}, {p}", cap(&core))];
            }
            ctx.pick(o)
        }
    };
    let greeting = match ctx.tone {
        Tone::Professional | Tone::Concise => "Hello,",
        Tone::Friendly => "Hi there,",
        Tone::Luxury => "Good day,",
    };
    let closed = matches!(
        ctx.facts.status,
        ListingStatus::Sold | ListingStatus::Rented
    );
    let cta = match (ctx.tone, closed) {
        (_, true) => "Reply to this email if you would like to hear about similar properties, or to schedule a conversation about your plans.",
        (Tone::Professional, _) => "Reply to this email to schedule a private showing, or let me know a few times that work for you.",
        (Tone::Friendly, _) => "Just hit reply and we'll book a time for you to see it.",
        (Tone::Luxury, _) => "Simply reply to this message to arrange a private viewing at your convenience.",
        (Tone::Concise, _) => "Reply to book a showing.",
    }
    .to_owned();
    let sign = match ctx.tone {
        Tone::Professional => "Best regards,",
        Tone::Friendly => "Warm regards,",
        Tone::Luxury => "With kind regards,",
        Tone::Concise => "Thanks,",
    };
    let sign = sign_off(ctx, sign);
    let audience = ctx.audience_sentence();
    let (min, max) = EMAIL_WORDS;
    let closing_words = word_count(greeting)
        + word_count(&audience)
        + word_count(&cta)
        + words_in(std::slice::from_ref(&sign))
        + word_count(EHO);
    let mut parts = fact_paragraphs(ctx, max - 30, closing_words);
    let current = words_in(&parts) + closing_words;
    let target = min + 10 + ctx.rng.below(25);
    let pool = ctx.fillers();
    let mut closing = vec![audience];
    closing.extend(fill(current, target, max - 5, &pool));
    parts.insert(0, vec![greeting.to_owned()]);
    parts.push(closing);
    parts.push(vec![cta]);
    let body = format!("{}\n\n{}\n\n{EHO}", paragraphs(&parts), sign.join("\n"));
    GeneratedText {
        subject: Some(subject),
        body,
    }
}
