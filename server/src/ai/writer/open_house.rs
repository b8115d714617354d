//! The open-house invitation: when, what, and who hosts it.

use shared::content::Tone;

use super::ctx::Ctx;
use super::words::{join_and, with_article};

pub(super) fn open_house(ctx: &mut Ctx, when: Option<&str>) -> String {
    let when = when.map(str::trim).filter(|w| !w.is_empty());
    let heading = match when {
        Some(w) => format!("Open House: {w}"),
        None => "Open House: date and time to be announced".to_owned(),
    };
    let n = ctx.noun.clone();
    let a = with_article(&n);
    let at = ctx.in_place();
    let what = match ctx.street.clone() {
        Some(s) => format!("{s}, {a}{at}"),
        None => format!("{a}{at}"),
    };
    let invite = match ctx.tone {
        Tone::Professional => format!("You are invited to tour {what}."),
        Tone::Friendly => format!("Come see {what}! We'd love to show you around."),
        Tone::Luxury => format!("You are cordially invited to view {what}."),
        Tone::Concise => format!("Tour {what}."),
    };
    let mut body = vec![invite];
    body.extend(ctx.layout_sentence());
    body.extend(ctx.lot_sentence());
    let features = ctx.feature_list(3);
    if !features.is_empty() {
        body.push(format!("Highlights include {}.", join_and(&features)));
    }
    body.extend(ctx.price_sentence());
    let visit = match (when.is_some(), ctx.tone) {
        (true, Tone::Concise) => "Drop in during the open house; no appointment needed.".to_owned(),
        (true, _) => "Stop by during the open house to see it in person; no appointment is needed."
            .to_owned(),
        (false, _) => {
            "Reach out and we will let you know as soon as the open house is scheduled.".to_owned()
        }
    };
    let mut closing = vec![visit];
    let f = ctx.facts;
    match (f.agent_name.trim(), f.agent_email.trim()) {
        ("", "") => {}
        (name, "") => closing.push(format!("Hosted by {name}.")),
        ("", email) => closing.push(format!("Questions beforehand? Email {email}.")),
        (name, email) => closing.push(format!(
            "Hosted by {name}; questions beforehand are welcome at {email}."
        )),
    }
    format!("{heading}\n\n{}\n\n{}", body.join(" "), closing.join(" "))
}

#[cfg(test)]
mod tests {
    use shared::content::{length_issues, ContentKind, ContentOptions, Tone};
    use shared::grounding::check_grounding;
    use shared::samples;

    use crate::ai::writer::write_listing_copy;

    #[test]
    fn open_house_invitations_use_the_given_time_or_say_it_is_to_be_announced() {
        let facts = samples::townhouse();
        let mut o = ContentOptions::default();
        let t = write_listing_copy(ContentKind::OpenHouse, &facts, &o);
        assert!(
            t.body
                .starts_with("Open House: date and time to be announced"),
            "{}",
            t.body
        );
        o.open_house_when = Some("Saturday, June 6, 1-4 pm".into());
        for tone in Tone::ALL {
            o.tone = tone;
            let t = write_listing_copy(ContentKind::OpenHouse, &facts, &o);
            assert!(
                t.body.starts_with("Open House: Saturday, June 6, 1-4 pm"),
                "{}",
                t.body
            );
            assert!(check_grounding(&t.body, &facts).is_empty(), "{}", t.body);
            assert!(length_issues(ContentKind::OpenHouse, &t, 1000).is_empty());
        }
    }
}
