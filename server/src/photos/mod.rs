//! Listing photos: checking, cleaning and resizing uploads (`process`), and who may
//! have one decoded when (`gate`: rate limits, the fair queue, the memory bound). The demo
//! data's drawn photos are in `demo::photos`.

pub mod gate;
pub mod process;

pub use process::{process_photo, PhotoError, ProcessedPhoto};
