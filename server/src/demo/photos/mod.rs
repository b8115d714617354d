//! Procedurally drawn listing photos for the demo data: no image files shipped, the
//! same seed always gives the same picture.
//!
//! The house front (`exterior`), and two interiors in the same kind of room
//! (`room`): a `living_room` and a `bedroom`, drawn on a `canvas`.

mod bedroom;
mod canvas;
mod exterior;
mod living_room;
mod room;

use image::codecs::jpeg::JpegEncoder;
use image::{ExtendedColorType, ImageEncoder};

use bedroom::bedroom;
use canvas::{Canvas, Rng};
use exterior::exterior;
use living_room::living_room;

/// A pleasant JPEG of `width` × `height` for demo listings, drawn from `seed`
/// (deterministic: the same arguments give the same bytes).
///
/// `seed % 10 == 0` is a house front (sky, lawn, a house whose storeys, roof, colours,
/// windows and door vary with the seed); other odd seeds are a living room, even ones a
/// bedroom. So `seed = listing_number * 10 + photo_index` gives each listing its front
/// view as the cover, then rooms. Takes 60-70 ms for 1600 × 1067 in a release build,
/// half of it JPEG encoding.
pub fn demo_photo(seed: u64, width: u32, height: u32) -> Vec<u8> {
    let (w, h) = (width.clamp(16, 8192), height.clamp(16, 8192));
    let mut canvas = Canvas::new(w as usize, h as usize);
    let mut rng = Rng::new(seed);
    match seed % 10 {
        0 => exterior(&mut canvas, &mut rng),
        n if n % 2 == 0 => bedroom(&mut canvas, &mut rng),
        _ => living_room(&mut canvas, &mut rng),
    }
    let rgb = canvas.finish(seed);
    let mut out = Vec::with_capacity(rgb.len() / 10);
    JpegEncoder::new_with_quality(&mut out, 88)
        .write_image(&rgb, w, h, ExtendedColorType::Rgb8)
        .expect("encoding an in-memory RGB image cannot fail");
    out
}
