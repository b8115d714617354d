//! The Today page (both sides).

pub mod today_page;
