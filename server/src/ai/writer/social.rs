//! Instagram, Facebook and LinkedIn posts: a hook, the numbers, features while
//! they fit the social limit, and hashtags from the city and property type.

use shared::content::{Audience, ContentKind, Tone, SOCIAL_MAX_CHARS};
use shared::listing::ListingStatus;

use super::ctx::Ctx;
use super::words::{cap, join_and, with_article};

fn hashtag_word(s: &str) -> String {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(cap)
        .collect()
}

fn hashtags(ctx: &mut Ctx, max: usize) -> String {
    let f = ctx.facts;
    let city = hashtag_word(&f.city);
    let mut tags: Vec<String> = Vec::new();
    tags.push(if city.is_empty() {
        "#RealEstate".to_owned()
    } else {
        format!("#{city}RealEstate")
    });
    let status = match f.status {
        ListingStatus::Active | ListingStatus::Draft => Some("#JustListed"),
        ListingStatus::ComingSoon => Some("#ComingSoon"),
        ListingStatus::UnderContract => Some("#UnderContract"),
        ListingStatus::Sold => Some("#JustSold"),
        ListingStatus::Rented => Some("#JustLeased"),
        ListingStatus::Withdrawn | ListingStatus::Expired => None,
    };
    let mut rest: Vec<String> = Vec::new();
    rest.extend(status.map(str::to_owned));
    rest.push(format!("#{}", hashtag_word(f.property_type.label())));
    if !city.is_empty() {
        rest.push(if ctx.land() {
            format!("#{city}Land")
        } else {
            format!("#{city}Homes")
        });
    }
    if !ctx.closed() {
        rest.push(
            match ctx.audience {
                Audience::Buyers => "#HouseHunting",
                Audience::Renters => "#Leasing",
                Audience::Investors => "#InvestmentProperty",
            }
            .to_owned(),
        );
    }
    let first = rest.remove(0);
    ctx.rng.shuffle(&mut rest);
    rest.insert(0, first);
    for t in rest {
        if !tags.contains(&t) {
            tags.push(t);
        }
    }
    tags.truncate(max.clamp(2, 5));
    tags.join(" ")
}

/// Picks parts by priority (0 first) while the text stays within the social
/// limit, then joins the chosen ones in their original order.
fn fit(parts: Vec<(String, u8)>, sep: &str) -> String {
    let mut order: Vec<usize> = (0..parts.len()).collect();
    order.sort_by_key(|&i| parts[i].1);
    let mut chosen: Vec<usize> = Vec::new();
    for i in order {
        let mut trial = chosen.clone();
        trial.push(i);
        trial.sort_unstable();
        let text: Vec<&str> = trial.iter().map(|&j| parts[j].0.as_str()).collect();
        if text.join(sep).chars().count() <= SOCIAL_MAX_CHARS {
            chosen = trial;
        }
    }
    chosen
        .iter()
        .map(|&j| parts[j].0.as_str())
        .collect::<Vec<_>>()
        .join(sep)
}

pub(super) fn social(ctx: &mut Ctx, kind: ContentKind) -> String {
    let city = ctx.city_or_place();
    let in_city = city
        .as_deref()
        .map(|c| format!(" in {c}"))
        .unwrap_or_default();
    let instagram = kind == ContentKind::Instagram;
    // Instagram gives the numbers their own line; the others say them in the hook.
    let what = if instagram {
        with_article(&ctx.headline_core())
    } else {
        ctx.summary()
    };
    let status = ctx.facts.status;
    let hook = match (status, ctx.tone, kind) {
        (ListingStatus::ComingSoon, _, _) => format!("Coming soon{in_city}: {what}."),
        (ListingStatus::UnderContract, _, _) => format!("Under contract{in_city}: {what}."),
        (ListingStatus::Sold, _, _) => format!("Just sold{in_city}: {what}."),
        (ListingStatus::Rented, _, _) => format!("Just leased{in_city}: {what}."),
        (_, _, ContentKind::Linkedin) => format!("New listing{in_city}: {what}."),
        (_, Tone::Luxury, _) => format!("Now presenting{in_city}: {what}."),
        (_, Tone::Concise, _) => format!("New listing{in_city}: {what}."),
        (_, Tone::Friendly, _) => {
            let o = vec![
                format!("Just listed{in_city}! Say hello to {what}."),
                format!("Fresh on the market{in_city}: {what}!"),
            ];
            ctx.pick(o)
        }
        (_, Tone::Professional, _) => {
            let o = vec![
                format!("Just listed{in_city}: {what}."),
                format!("New to the market{in_city}: {what}."),
            ];
            ctx.pick(o)
        }
    };
    let features = ctx.feature_list(3);
    let price = match status {
        ListingStatus::Rented => None,
        _ => ctx.price().map(|p| format!("Listed at {p}.")),
    };
    let closed = matches!(status, ListingStatus::Sold | ListingStatus::Rented);
    let cta = match (kind, ctx.audience, closed) {
        (_, _, true) => "Ask us about similar properties.",
        (ContentKind::Instagram, Audience::Renters, _) => "DM us about lease terms.",
        (ContentKind::Instagram, Audience::Investors, _) => "DM us for the numbers.",
        (ContentKind::Instagram, _, _) => "DM us to book a showing.",
        (ContentKind::Facebook, Audience::Renters, _) => {
            "Send us a message to ask about lease terms."
        }
        (ContentKind::Facebook, Audience::Investors, _) => {
            "Send us a message to go over the numbers."
        }
        (ContentKind::Facebook, _, _) => "Send us a message to set up a showing.",
        (_, Audience::Investors, _) => "Contact me to review the numbers or arrange a showing.",
        (_, Audience::Renters, _) => "Contact me to discuss lease terms or arrange a showing.",
        _ => "Contact me to arrange a showing or discuss the details.",
    }
    .to_owned();
    let mut parts: Vec<(String, u8)> = vec![(hook, 0)];
    if instagram {
        parts.extend(ctx.stats().map(|s| (s, 1)));
        if !features.is_empty() {
            parts.push((cap(&features.join(" · ")), 4));
        }
        parts.extend(price.map(|p| (p, 2)));
        parts.push((cta, 3));
        let text = fit(parts, "\n");
        format!("{text}\n\n{}", hashtags(ctx, 5))
    } else {
        let lead = match (kind, ctx.tone) {
            (ContentKind::Linkedin, _) | (_, Tone::Professional) => "Highlights include",
            (_, Tone::Friendly) => "You'll love the",
            (_, Tone::Luxury) => "Appointments include",
            (_, Tone::Concise) => "Features:",
        };
        let mut tail: Vec<(String, u8)> = Vec::new();
        tail.extend(price.map(|p| (p, 1)));
        tail.push((cta, 2));
        // As many features as fit, most first.
        for n in (1..=features.len()).rev() {
            let sentence = format!("{lead} {}.", join_and(&features[..n]));
            let mut trial = parts.clone();
            trial.push((sentence.clone(), 3));
            trial.extend(tail.iter().cloned());
            if fit(trial, " ").contains(&sentence) {
                parts.push((sentence, 3));
                break;
            }
        }
        parts.extend(tail);
        let text = fit(parts, " ");
        format!("{text}\n\n{}", hashtags(ctx, 3))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::content::ContentOptions;
    use shared::samples;

    use crate::ai::writer::write_listing_copy;

    #[test]
    fn social_posts_end_with_two_to_five_hashtags_from_the_city() {
        for facts in samples::all() {
            for kind in [
                ContentKind::Instagram,
                ContentKind::Facebook,
                ContentKind::Linkedin,
            ] {
                let body = write_listing_copy(kind, &facts, &ContentOptions::default()).body;
                let (_, tags) = shared::content::split_hashtags(&body);
                assert!((2..=5).contains(&tags), "{kind:?}: {body}");
                let city = hashtag_word(&facts.city);
                assert!(body.contains(&format!("#{city}RealEstate")), "{body}");
            }
        }
    }
}
