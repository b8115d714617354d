//! The one-page flyer: headline, address, bullet lines, price, contact block and
//! the Equal Housing Opportunity line.

use shared::content::{Tone, BULLET};
use shared::listing::{format_number, ListingStatus};

use super::ctx::Ctx;
use super::email::EHO;
use super::words::{cap, with_article};

pub(super) fn flyer(ctx: &mut Ctx) -> String {
    let f = ctx.facts;
    let core = cap(&ctx.headline_core());
    let in_city = ctx
        .city_or_place()
        .map(|c| format!(" in {c}"))
        .unwrap_or_default();
    let core_lower = ctx.headline_core();
    let a_core = with_article(&core_lower);
    let mut headlines = match (f.status, ctx.tone) {
        (ListingStatus::ComingSoon, _) => vec![format!("Coming soon: {core_lower}{in_city}")],
        (ListingStatus::UnderContract, _) => vec![format!("Under contract: {core_lower}{in_city}")],
        (ListingStatus::Sold, _) => vec![format!("Just sold: {core_lower}{in_city}")],
        (ListingStatus::Rented, _) => vec![format!("Just leased: {core_lower}{in_city}")],
        (_, Tone::Luxury) => vec![format!("Presenting {a_core}{in_city}")],
        (_, Tone::Friendly) => vec![
            format!("Come see this {core_lower}{in_city}"),
            format!("Your next move{in_city}: {a_core}"),
        ],
        (_, Tone::Professional) => vec![
            format!("{core}{in_city}"),
            format!("For sale: {a_core}{in_city}"),
        ],
        (_, Tone::Concise) => vec![format!("{core}{in_city}")],
    };
    if let (true, Some(t)) = (ctx.on_market(), ctx.title.clone()) {
        headlines.push(t);
    }
    let headline = ctx.pick(headlines);
    let mut lines = vec![headline];
    if let (Some(s), Some(p)) = (ctx.street.clone(), ctx.place_full()) {
        lines.push(format!("{s}, {p}"));
    } else if let Some(p) = ctx.place_full() {
        lines.push(p);
    }
    lines.push(String::new());
    let mut bullets: Vec<String> = Vec::new();
    bullets.extend(ctx.beds());
    bullets.extend(ctx.baths());
    if let Some(a) = f.living_area_sqft.filter(|&a| a > 0 && !ctx.land()) {
        bullets.push(format!("{} sq ft of living space", format_number(a.into())));
    }
    if let Some(lot) = ctx.lot_size_in(true) {
        bullets.push(format!("Lot: {lot}"));
    }
    if let Some(y) = f.year_built.filter(|&y| y > 0) {
        bullets.push(format!("Built in {y}"));
    }
    bullets.extend(ctx.features.iter().take(6).map(|s| cap(s)));
    if bullets.len() < 3 {
        bullets.push(format!("Property type: {}", f.property_type.label()));
    }
    if bullets.len() < 3 {
        if let Some(p) = ctx.place() {
            bullets.push(format!("Location: {p}"));
        }
    }
    if bullets.len() < 3 {
        bullets.push(format!("Status: {}", f.status.label()));
    }
    lines.extend(bullets.into_iter().map(|b| format!("{BULLET}{b}")));
    lines.push(String::new());
    let price_line = match (f.status, ctx.price()) {
        (ListingStatus::Rented, _) | (_, None) => None,
        (ListingStatus::Sold, Some(p)) => Some(format!("Listed at {p}")),
        (_, Some(p)) => Some(match ctx.tone {
            Tone::Luxury => format!("Offered at {p}"),
            Tone::Concise => format!("Price: {p}"),
            _ => format!("Listed at {p}"),
        }),
    };
    if let Some(p) = price_line {
        lines.push(p);
        lines.push(String::new());
    }
    lines.push(ctx.cta());
    lines.push(String::new());
    let name = f.agent_name.trim();
    let email = f.agent_email.trim();
    lines.push(if name.is_empty() {
        "Contact us for details".to_owned()
    } else {
        format!("Contact {name}")
    });
    if !email.is_empty() {
        lines.push(email.to_owned());
    }
    lines.push(String::new());
    lines.push(EHO.to_owned());
    lines.join("\n")
}
