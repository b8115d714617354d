//! Characters that have no place in what a person types (issue 11 item 11 and its
//! "Low" list): control characters other than tab and newline (NUL among them, which
//! PostgreSQL refuses), and in names and titles the invisible direction overrides used to
//! disguise text ("Trojan Source"). Every text parser in `shared` asks here first, so the
//! browser and the server refuse the same input with the same field message.

/// Control characters other than tab, newline and carriage return.
pub fn has_control_chars(s: &str) -> bool {
    s.chars()
        .any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
}

/// Unicode bidirectional embedding, override and isolate controls (U+202A-U+202E,
/// U+2066-U+2069) and the marks U+200E, U+200F, U+061C.
pub fn has_direction_controls(s: &str) -> bool {
    s.chars().any(|c| {
        matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
    })
}

pub const CONTROL_CHARS: &str = "Remove the control characters (such as NUL) from this text.";
pub const DIRECTION_CONTROLS: &str = "Remove the hidden text-direction characters from this text.";

/// The message for free text (descriptions, notes): control characters only.
pub fn free_text_problem(s: &str) -> Option<&'static str> {
    has_control_chars(s).then_some(CONTROL_CHARS)
}

/// The message for a name or title: control characters or direction controls.
pub fn name_problem(s: &str) -> Option<&'static str> {
    if has_control_chars(s) {
        Some(CONTROL_CHARS)
    } else if has_direction_controls(s) {
        Some(DIRECTION_CONTROLS)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tabs_and_newlines_are_text_but_nul_and_escape_are_not() {
        assert_eq!(free_text_problem("line one\nline\ttwo\r\n"), None);
        assert_eq!(free_text_problem("nul\0byte"), Some(CONTROL_CHARS));
        assert_eq!(free_text_problem("bell\u{7}"), Some(CONTROL_CHARS));
        assert_eq!(free_text_problem("esc\u{1b}[31m"), Some(CONTROL_CHARS));
        assert_eq!(free_text_problem("del\u{7f}"), Some(CONTROL_CHARS));
        assert_eq!(free_text_problem("c1\u{85}"), Some(CONTROL_CHARS));
    }

    #[test]
    fn names_refuse_direction_overrides_but_keep_real_scripts() {
        assert_eq!(name_problem("Ana María Ñúñez"), None);
        assert_eq!(name_problem("שלום עליכם"), None);
        assert_eq!(
            name_problem("evil\u{202E}gnp.exe"),
            Some(DIRECTION_CONTROLS)
        );
        assert_eq!(
            name_problem("isolate\u{2066}x\u{2069}"),
            Some(DIRECTION_CONTROLS)
        );
        assert_eq!(name_problem("nul\0"), Some(CONTROL_CHARS));
    }
}
