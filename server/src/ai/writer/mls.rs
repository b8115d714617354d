//! MLS public remarks: plain sentences cut to the MLS's character limit.

use super::ctx::Ctx;

pub(super) fn mls_remarks(ctx: &mut Ctx, limit: usize) -> String {
    let mut sentences = vec![ctx.intro()];
    sentences.extend(ctx.layout_sentence());
    sentences.extend(ctx.lot_sentence());
    sentences.extend(ctx.year_sentence());
    sentences.extend(ctx.feature_sentences().into_iter().map(|(s, _)| s));
    sentences.extend(ctx.price_sentence());
    sentences.extend(ctx.notes());
    if !ctx.closed() {
        sentences.push("Showings by appointment.".to_owned());
    }
    // Cut at a sentence boundary under the MLS limit; a first sentence longer
    // than the limit is cut at a word boundary.
    let mut out = String::new();
    for s in &sentences {
        let next = if out.is_empty() {
            s.clone()
        } else {
            format!("{out} {s}")
        };
        if next.chars().count() > limit {
            if out.is_empty() {
                let mut cut = String::new();
                for w in s.split_whitespace() {
                    let longer = if cut.is_empty() {
                        w.to_owned()
                    } else {
                        format!("{cut} {w}")
                    };
                    if longer.chars().count() + 1 > limit {
                        break;
                    }
                    cut = longer;
                }
                out = format!("{}.", cut.trim_end_matches([',', '.', ':', ';']));
                if out.chars().count() > limit {
                    out.clear();
                }
            }
            break;
        }
        out = next;
    }
    out
}

#[cfg(test)]
mod tests {
    use shared::content::{length_issues, ContentKind, ContentOptions};
    use shared::samples;

    use crate::ai::writer::write_listing_copy;

    #[test]
    fn mls_remarks_are_cut_at_a_sentence_under_the_limit_with_no_contact_details() {
        for facts in samples::all() {
            for limit in [1000, 300, 120, 40] {
                let o = ContentOptions {
                    mls_char_limit: limit,
                    ..ContentOptions::default()
                };
                let t = write_listing_copy(ContentKind::MlsRemarks, &facts, &o);
                assert!(t.body.chars().count() <= limit, "{limit}: {}", t.body);
                assert!(
                    t.body.is_empty() || t.body.ends_with('.'),
                    "{limit}: {}",
                    t.body
                );
                assert!(!t.body.contains(&facts.agent_email) || facts.agent_email.is_empty());
                assert!(
                    length_issues(ContentKind::MlsRemarks, &t, limit).is_empty(),
                    "{limit}: {}",
                    t.body
                );
            }
        }
    }
}
