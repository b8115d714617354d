//! Price explanations: a suggested price put into words from the brief's numbers.

use shared::content::{GeneratedText, PricingBrief};
use shared::listing::format_price;

/// Explains a suggested price in 2-4 sentences from the brief's numbers only.
pub fn write_price_explanation(brief: &PricingBrief) -> GeneratedText {
    let n = brief.comparables_used;
    let comps = if n == 1 {
        "1 comparable property".to_owned()
    } else {
        format!("{n} comparable properties")
    };
    let scope = brief.scope.trim();
    let within = if scope.is_empty() {
        String::new()
    } else {
        format!(" in {scope}")
    };
    let ppsf = brief
        .median_price_per_sqft_cents
        .filter(|&c| c > 0)
        .map(format_price);
    let mut s: Vec<String> = Vec::new();
    match brief.suggested_cents {
        Some(suggested) => {
            s.push(match &ppsf {
                Some(p) => {
                    format!("Based on {comps}{within}, the median price is {p} per square foot.")
                }
                None => format!("This estimate is based on {comps}{within}."),
            });
            let range = match (brief.low_cents, brief.high_cents) {
                (Some(lo), Some(hi)) => format!(
                    ", within a range of {} to {}",
                    format_price(lo),
                    format_price(hi)
                ),
                _ => String::new(),
            };
            let confidence = brief.confidence.trim().to_lowercase();
            let conf = if confidence.is_empty() {
                String::new()
            } else {
                format!(", with {confidence} confidence")
            };
            s.push(format!(
                "That points to a suggested price of {}{range}{conf}.",
                format_price(suggested)
            ));
            if let (Some(pos), true) = (brief.position.as_deref(), brief.facts.price_cents > 0) {
                let list = format_price(brief.facts.price_cents);
                let where_ = match pos {
                    "below" => "is below the suggested range",
                    "above" => "is above the suggested range",
                    _ => "is within the suggested range",
                };
                s.push(format!("The current list price of {list} {where_}."));
            }
        }
        None => {
            s.push(if n == 0 {
                format!("No comparable properties could be found{within}, so there is no suggested price.")
            } else {
                format!("Only {comps} could be found{within}, which is too few to suggest a price.")
            });
            if let Some(p) = ppsf {
                s.push(format!(
                    "Their median price is {p} per square foot, shown for reference only."
                ));
            }
            s.push("Adding comparables or widening the area would allow a suggestion.".to_owned());
        }
    }
    GeneratedText {
        subject: None,
        body: s.join(" "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::samples;

    #[test]
    fn price_explanations_use_the_briefs_numbers_in_two_to_four_sentences() {
        let brief = PricingBrief {
            facts: samples::townhouse(),
            suggested_cents: Some(182_000_000),
            low_cents: Some(175_000_000),
            high_cents: Some(190_000_000),
            confidence: "Medium".into(),
            comparables_used: 6,
            scope: "postal code 02116".into(),
            median_price_per_sqft_cents: Some(98_500),
            position: Some("within".into()),
        };
        let t = write_price_explanation(&brief);
        assert_eq!(
            t.body,
            "Based on 6 comparable properties in postal code 02116, the median price is $985 per square foot. \
That points to a suggested price of $1,820,000, within a range of $1,750,000 to $1,900,000, with medium confidence. \
The current list price of $1,850,000 is within the suggested range."
        );
        let none = PricingBrief {
            suggested_cents: None,
            low_cents: None,
            high_cents: None,
            position: None,
            comparables_used: 2,
            ..brief.clone()
        };
        let t = write_price_explanation(&none);
        assert!(t.body.starts_with("Only 2 comparable properties could be found in postal code 02116, which is too few to suggest a price."), "{}", t.body);
        let zero = PricingBrief {
            comparables_used: 0,
            median_price_per_sqft_cents: None,
            ..none
        };
        assert_eq!(
            write_price_explanation(&zero).body,
            "No comparable properties could be found in postal code 02116, so there is no suggested price. Adding comparables or widening the area would allow a suggestion."
        );
        for b in [brief, zero] {
            let n = write_price_explanation(&b).body.matches(". ").count() + 1;
            assert!((2..=4).contains(&n), "{n}");
        }
    }
}
