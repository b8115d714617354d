//! Listing photos: checking, cleaning and resizing uploads (`process`). The demo
//! data's drawn photos are in `demo::photos`.

pub mod process;

pub use process::{process_photo, PhotoError, ProcessedPhoto};
