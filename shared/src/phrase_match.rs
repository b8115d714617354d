//! Whole-word phrase matching shared by the Fair Housing check and the grounding
//! check: case-insensitive, hyphens and whitespace runs interchangeable between
//! the words of a phrase, curly apostrophes equal to straight ones. Offsets are
//! byte offsets into the original text, always on char boundaries.

/// A text folded for matching, one folded char per original char so offsets map back.
pub(crate) struct Folded {
    chars: Vec<char>,
    /// Byte range of each original char.
    spans: Vec<(usize, usize)>,
}

/// Lower-cases one char and maps typographic variants to their plain forms, so a
/// phrase typed on a keyboard matches text pasted from a word processor.
pub(crate) fn fold_char(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{02BC}' | '\u{2032}' => '\'',
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2212}' => '-',
        // Multi-char lower-case forms (e.g. 'İ') keep their first char: the
        // match stays one-to-one with the original chars.
        _ => c.to_lowercase().next().unwrap_or(c),
    }
}

fn is_sep(c: char) -> bool {
    c == '-' || c.is_whitespace()
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric()
}

impl Folded {
    pub(crate) fn new(text: &str) -> Self {
        let mut chars = Vec::with_capacity(text.len());
        let mut spans = Vec::with_capacity(text.len());
        for (i, c) in text.char_indices() {
            chars.push(fold_char(c));
            spans.push((i, i + c.len_utf8()));
        }
        Self { chars, spans }
    }

    /// Byte range of the chars `[from, to)`; `to > from`.
    fn bytes(&self, from: usize, to: usize) -> (usize, usize) {
        (self.spans[from].0, self.spans[to - 1].1)
    }
}

/// A phrase split into folded words; the gaps between them match any run of
/// hyphens and whitespace.
pub(crate) struct Pattern {
    words: Vec<Vec<char>>,
}

impl Pattern {
    pub(crate) fn new(phrase: &str) -> Self {
        let folded: String = phrase.chars().map(fold_char).collect();
        let words = folded
            .split(is_sep)
            .filter(|w| !w.is_empty())
            .map(|w| w.chars().collect())
            .collect();
        Self { words }
    }

    fn first_char(&self) -> Option<char> {
        self.words.first().and_then(|w| w.first().copied())
    }

    fn last_char(&self) -> Option<char> {
        self.words.last().and_then(|w| w.last().copied())
    }

    /// Char ranges `[start, end)` where the phrase occurs as whole words. With
    /// `plural_ok`, the last word may carry an "s" or "es" ("skylights").
    fn find_in(&self, f: &Folded, plural_ok: bool) -> Vec<(usize, usize)> {
        let (Some(first), Some(last)) = (self.first_char(), self.last_char()) else {
            return Vec::new();
        };
        let n = f.chars.len();
        let boundary_before = is_word(first);
        let boundary_after = is_word(last);
        let ends_ok = |end: usize| !boundary_after || end == n || !is_word(f.chars[end]);
        let mut found = Vec::new();
        for start in 0..n {
            if f.chars[start] != first
                || (boundary_before && start > 0 && is_word(f.chars[start - 1]))
            {
                continue;
            }
            let Some(end) = self.match_at(f, start) else {
                continue;
            };
            let has = |at: usize, s: &str| {
                s.chars()
                    .enumerate()
                    .all(|(k, c)| f.chars.get(at + k) == Some(&c))
            };
            let end = if ends_ok(end) {
                Some(end)
            } else if plural_ok && has(end, "s") && ends_ok(end + 1) {
                Some(end + 1)
            } else if plural_ok && has(end, "es") && ends_ok(end + 2) {
                Some(end + 2)
            } else {
                None
            };
            if let Some(end) = end {
                found.push((start, end));
            }
        }
        found
    }

    /// Where a match starting at `start` ends (exclusive), ignoring the end boundary.
    fn match_at(&self, f: &Folded, start: usize) -> Option<usize> {
        let mut pos = start;
        for (wi, word) in self.words.iter().enumerate() {
            if wi > 0 {
                let gap_start = pos;
                while pos < f.chars.len() && is_sep(f.chars[pos]) {
                    pos += 1;
                }
                if pos == gap_start {
                    return None;
                }
            }
            for &c in word {
                if f.chars.get(pos) != Some(&c) {
                    return None;
                }
                pos += 1;
            }
        }
        Some(pos)
    }
}

/// One occurrence: byte offsets and the index of the phrase that matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Found {
    pub start: usize,
    pub end: usize,
    pub index: usize,
}

/// Every occurrence of any pattern, sorted by start. Where occurrences overlap
/// the longer one wins (it says more: "christian community" over "christian");
/// on equal length the earlier pattern in the list wins.
pub(crate) fn find_all(text: &str, patterns: &[Pattern], plural_ok: bool) -> Vec<Found> {
    let folded = Folded::new(text);
    let mut all: Vec<(usize, usize, usize)> = Vec::new();
    for (index, p) in patterns.iter().enumerate() {
        for (s, e) in p.find_in(&folded, plural_ok) {
            all.push((s, e, index));
        }
    }
    all.sort_by_key(|&(s, e, i)| (std::cmp::Reverse(e - s), s, i));
    let mut kept: Vec<(usize, usize, usize)> = Vec::new();
    for m in all {
        if kept.iter().all(|k| m.1 <= k.0 || m.0 >= k.1) {
            kept.push(m);
        }
    }
    kept.sort_by_key(|&(s, _, i)| (s, i));
    kept.into_iter()
        .map(|(s, e, index)| {
            let (start, end) = folded.bytes(s, e);
            Found { start, end, index }
        })
        .collect()
}

/// Whether `phrase` occurs in `text` as whole words (plurals allowed).
pub(crate) fn contains(text: &str, phrase: &str) -> bool {
    !Pattern::new(phrase)
        .find_in(&Folded::new(text), true)
        .is_empty()
}

/// Byte ranges where `phrase` occurs in `text` as whole words.
pub(crate) fn ranges(text: &str, phrase: &str) -> Vec<(usize, usize)> {
    let folded = Folded::new(text);
    Pattern::new(phrase)
        .find_in(&folded, false)
        .into_iter()
        .map(|(s, e)| folded.bytes(s, e))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans<'a>(text: &'a str, phrases: &[&str]) -> Vec<&'a str> {
        let patterns: Vec<Pattern> = phrases.iter().map(|p| Pattern::new(p)).collect();
        find_all(text, &patterns, false)
            .into_iter()
            .map(|f| &text[f.start..f.end])
            .collect()
    }

    #[test]
    fn phrases_match_whole_words_only() {
        for (text, phrase, expected) in [
            ("A Christian home", "christian", vec!["Christian"]),
            ("Ms. Christiansen", "christian", vec![]),
            ("disintegrated plaster", "integrated", vec![]),
            ("integrated.", "integrated", vec!["integrated"]),
        ] {
            assert_eq!(spans(text, &[phrase]), expected, "{text}");
        }
    }

    #[test]
    fn hyphens_and_whitespace_runs_are_interchangeable() {
        for text in ["family-friendly", "Family  Friendly", "family\n-\tfriendly"] {
            assert_eq!(spans(text, &["family friendly"]), vec![text], "{text}");
        }
        assert_eq!(spans("family friendly", &["family-friendly"]).len(), 1);
        assert!(spans("familyfriendly", &["family friendly"]).is_empty());
    }

    #[test]
    fn curly_apostrophes_equal_straight_ones() {
        assert_eq!(
            spans("a chef’s kitchen", &["chef's kitchen"]),
            vec!["chef’s kitchen"]
        );
    }

    #[test]
    fn the_longer_of_overlapping_matches_wins() {
        assert_eq!(
            spans(
                "a christian community here",
                &["christian", "christian community"]
            ),
            vec!["christian community"]
        );
    }

    #[test]
    fn plurals_match_only_when_asked() {
        assert!(contains("new skylights", "skylight"));
        assert!(contains("two porches", "porch"));
        assert!(!contains("poolside", "pool"));
    }

    #[test]
    fn non_ascii_text_is_matched_on_char_boundaries() {
        let text = "Ünïcödé — İstanbul EXCLUSIVE 🏡 nursery";
        assert_eq!(
            spans(text, &["exclusive", "nursery", "istanbul"]),
            vec!["İstanbul", "EXCLUSIVE", "nursery"]
        );
    }
}
