//! Cross-feature UI: the app shell and navigation, form fields, icons, theme, and lazy
//! parts of pages (code loaded when the user reaches for it).

pub mod field;
pub mod icons;
pub mod lazy_part;
pub mod shell;
pub mod theme;
