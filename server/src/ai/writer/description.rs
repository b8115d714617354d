//! The listing description, and the fact paragraphs it shares with the email.

use shared::content::{word_count, DESCRIPTION_WORDS};

use super::ctx::Ctx;
use super::fillers::fill;
use super::words::{join_and, soft_lower};

pub(super) fn paragraphs(parts: &[Vec<String>]) -> String {
    parts
        .iter()
        .filter(|p| !p.is_empty())
        .map(|p| p.join(" "))
        .collect::<Vec<_>>()
        .join("\n\n")
}

pub(super) fn words_in(parts: &[Vec<String>]) -> usize {
    parts.iter().flatten().map(|s| word_count(s)).sum()
}

/// The facts in prose: intro and layout, features, place and price.
pub(super) fn fact_paragraphs(
    ctx: &mut Ctx,
    feature_budget: usize,
    closing_words: usize,
) -> Vec<Vec<String>> {
    let mut p1 = vec![ctx.intro()];
    p1.extend(ctx.layout_sentence());
    p1.extend(ctx.lot_sentence());
    p1.extend(ctx.year_sentence());
    let mut p3: Vec<String> = Vec::new();
    p3.extend(ctx.location_sentence());
    p3.extend(ctx.price_sentence());
    p3.extend(ctx.notes());
    let fixed = words_in(&[p1.clone(), p3.clone()]) + closing_words;
    // Feature sentences while they fit; the rest in one list sentence,
    // or left out when even that would break the length rule.
    let mut p2: Vec<String> = Vec::new();
    let mut total = fixed;
    let sentences = ctx.feature_sentences();
    let mut used = 0;
    for (s, count) in sentences {
        let w = word_count(&s);
        if total + w > feature_budget {
            break;
        }
        total += w;
        used += count;
        p2.push(s);
    }
    let rest: Vec<String> = ctx
        .features
        .iter()
        .skip(used)
        .map(|f| soft_lower(f))
        .collect();
    if !rest.is_empty() {
        let list = format!("Also listed: {}.", join_and(&rest));
        if total + word_count(&list) <= feature_budget {
            p2.push(list);
        }
    }
    vec![p1, p2, p3]
}

pub(super) fn description(ctx: &mut Ctx) -> String {
    let (min, max) = DESCRIPTION_WORDS;
    let audience = ctx.audience_sentence();
    let cta = ctx.cta();
    let closing_words = word_count(&audience) + word_count(&cta);
    let mut parts = fact_paragraphs(ctx, max - 25, closing_words);
    let target = min + 8 + ctx.rng.below(20);
    let current = words_in(&parts) + closing_words;
    let pool = ctx.fillers();
    let mut closing = vec![audience];
    closing.extend(fill(current, target, max - 5, &pool));
    closing.push(cta);
    parts.push(closing);
    paragraphs(&parts)
}
