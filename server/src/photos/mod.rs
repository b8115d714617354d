//! Listing photos: checking, cleaning and resizing uploads (`process`), and the
//! drawn photos of the demo data (`demo`).

pub mod demo;
pub mod process;

pub use demo::demo_photo;
pub use process::{process_photo, PhotoError, ProcessedPhoto};
