//! Cross-feature UI: the app shell and navigation, form fields, icons, theme.

pub mod field;
pub mod icons;
pub mod shell;
pub mod theme;
