//! Checking and cleaning an uploaded listing photo (product.md "Listings"):
//! JPEG, PNG or WebP by content (magic bytes, never the file name), at most 5 MB and
//! 24 megapixels, whose decoded pixels fit in 96 MB (both refused from the header,
//! before any pixel is decoded), EXIF orientation applied, re-encoded as JPEG (which
//! drops EXIF, GPS, XMP and every other piece of metadata; only the colour profile is
//! kept so colours stay right), capped at 2560 px on the long side, plus a 480 px
//! thumbnail.
//!
//! Everything here is CPU-bound and takes from tens to hundreds of milliseconds
//! per photo: async callers run it in `tokio::task::spawn_blocking`, and bound how
//! many run at once (`photos::gate`). Memory (issue 11 item 10): the decoded image is
//! at most `MAX_DECODED_BYTES`; it becomes 8-bit RGB (in place for 8-bit RGBA, else
//! one ≤ 72 MB copy), is resized, and only the resized image is turned upright, so one
//! photo peaks at about 170 MB (`server/benches/photo_memory.rs` measures it).

use std::io::Cursor;

use image::codecs::jpeg::JpegEncoder;
use image::metadata::Orientation;
use image::{
    ColorType, DynamicImage, ExtendedColorType, GenericImageView, ImageDecoder, ImageEncoder,
    ImageError, ImageFormat, ImageReader, Limits, RgbImage,
};

/// Largest upload accepted (product.md: 5 MB).
pub const MAX_UPLOAD_BYTES: usize = shared::listing::photo_limits::MAX_PHOTO_BYTES;
/// Largest picture accepted, in pixels (width × height), checked from the header.
pub const MAX_PIXELS: u64 = shared::listing::photo_limits::MAX_PHOTO_PIXELS;
/// What the decoded pixels may take: 24 MP at 4 bytes a pixel (8-bit RGBA). Counted as
/// width × height × channels × bytes per channel, so a 16-bit image must be smaller:
/// 16-bit RGB up to 16 MP, 16-bit RGBA up to 12 MP.
pub const MAX_DECODED_BYTES: u64 = MAX_PIXELS * 4;
/// Longest side the decoder accepts at all (a 24 MP panorama is 20000 × 1200).
pub const MAX_SIDE: u32 = 20_000;
/// What a decoder may allocate in all: the decoded image plus its own working buffers.
pub const MAX_ALLOC: u64 = MAX_DECODED_BYTES + 32 * 1024 * 1024;
/// Longest side of the stored photo.
pub const FULL_LONG_SIDE: u32 = 2560;
/// Longest side of the thumbnail.
pub const THUMB_LONG_SIDE: u32 = 480;
pub const FULL_QUALITY: u8 = 85;
pub const THUMB_QUALITY: u8 = 80;
/// Colour profiles larger than this are dropped rather than copied into every file.
const MAX_ICC_BYTES: usize = 64 * 1024;

/// A cleaned photo: both images are JPEG without EXIF or any other metadata.
#[derive(Clone, PartialEq, Eq)]
pub struct ProcessedPhoto {
    pub full: Vec<u8>,
    pub thumb: Vec<u8>,
    pub width: u32,
    pub height: u32,
    pub thumb_width: u32,
    pub thumb_height: u32,
}

impl std::fmt::Debug for ProcessedPhoto {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ProcessedPhoto")
            .field("full_bytes", &self.full.len())
            .field("thumb_bytes", &self.thumb.len())
            .field("width", &self.width)
            .field("height", &self.height)
            .field("thumb_width", &self.thumb_width)
            .field("thumb_height", &self.thumb_height)
            .finish()
    }
}

/// Why a photo was refused; `Display` is the message shown to the person uploading.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PhotoError {
    #[error("This photo is over 5 MB. Please choose a smaller file or export it at a lower quality, then try again.")]
    TooLarge,
    #[error("This file isn't a photo. Please choose a JPEG, PNG or WebP image.")]
    NotAnImage,
    /// An image of a kind we don't take, named as people know it ("GIF", "HEIC", "TIFF").
    #[error("{}", unsupported_message(.0))]
    Unsupported(String),
    #[error("This photo has too many pixels (over 24 megapixels). Please export it at a smaller size and try again.")]
    TooManyPixels,
    /// More than 8 bits per channel (16-bit PNG): each pixel costs twice the memory, so
    /// the pixel limit is lower. The largest allowed and this photo's size, in megapixels.
    #[error("This photo has 16 bits per colour, which takes twice the memory: at that depth photos can have at most {allowed_mp} megapixels, and this one has {actual_mp}. Please export it as an 8-bit PNG or a JPEG and try again.")]
    TooDeep { allowed_mp: u32, actual_mp: String },
    #[error("This photo couldn't be read; the file may be damaged. Please export it again and try again.")]
    Corrupt,
}

fn unsupported_message(kind: &str) -> String {
    if kind == "HEIC" {
        "HEIC photos can't be read here yet; export as JPEG and try again.".to_owned()
    } else {
        format!("{kind} images aren't supported. Please choose a JPEG, PNG or WebP photo.")
    }
}

/// Checks, orients, strips and resizes one uploaded photo. CPU-bound: call it from
/// `tokio::task::spawn_blocking`, never directly on an async task.
pub fn process_photo(bytes: &[u8]) -> Result<ProcessedPhoto, PhotoError> {
    if bytes.len() > MAX_UPLOAD_BYTES {
        return Err(PhotoError::TooLarge);
    }
    let format = sniff(bytes)?;

    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_ALLOC);
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    reader.limits(limits);
    // Only the header is read here: size and depth are checked before decoding.
    let mut decoder = reader.into_decoder().map_err(decode_error)?;
    let (width, height) = decoder.dimensions();
    if width == 0 || height == 0 {
        return Err(PhotoError::Corrupt);
    }
    check_decoded_size(width, height, decoder.color_type())?;
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let icc = decoder
        .icc_profile()
        .ok()
        .flatten()
        .filter(|p| !p.is_empty() && p.len() <= MAX_ICC_BYTES);

    let image = DynamicImage::from_decoder(decoder).map_err(decode_error)?;
    let rgb = flatten_onto_white(image);

    // Resized first and turned upright after: rotating the full-size image would cost
    // a second full-size buffer. `fit` depends only on the long side, so the sizes match.
    let (fw, fh) = fit(rgb.width(), rgb.height(), FULL_LONG_SIDE);
    let full = resize(&rgb, fw, fh)?.unwrap_or(rgb);
    let full = upright(full, orientation);
    let (fw, fh) = full.dimensions();
    let (tw, th) = fit(fw, fh, THUMB_LONG_SIDE);
    let thumb = resize(&full, tw, th)?;
    let thumb = thumb.as_ref().unwrap_or(&full);

    Ok(ProcessedPhoto {
        full: encode_jpeg(&full, FULL_QUALITY, icc.as_deref())?,
        thumb: encode_jpeg(thumb, THUMB_QUALITY, icc.as_deref())?,
        width: fw,
        height: fh,
        thumb_width: tw,
        thumb_height: th,
    })
}

/// Refuses, from the header, a picture over `MAX_PIXELS` or whose decoded pixels would
/// take more than `MAX_DECODED_BYTES` (a high bit depth counts in full).
fn check_decoded_size(width: u32, height: u32, color: ColorType) -> Result<(), PhotoError> {
    let pixels = u64::from(width) * u64::from(height);
    if pixels > MAX_PIXELS {
        return Err(PhotoError::TooManyPixels);
    }
    let per_pixel = u64::from(color.bytes_per_pixel());
    if pixels * per_pixel <= MAX_DECODED_BYTES {
        return Ok(());
    }
    if per_pixel > u64::from(color.channel_count()) {
        // more than a byte per channel: say what the depth allows
        let allowed = (MAX_DECODED_BYTES / per_pixel).min(MAX_PIXELS) / 1_000_000;
        Err(PhotoError::TooDeep {
            allowed_mp: allowed as u32,
            actual_mp: format!("{:.1}", pixels as f64 / 1e6),
        })
    } else {
        Err(PhotoError::TooManyPixels)
    }
}

/// The image format by content. HEIC is named on its own: phones make it by default.
fn sniff(bytes: &[u8]) -> Result<ImageFormat, PhotoError> {
    if is_heic(bytes) {
        return Err(PhotoError::Unsupported("HEIC".into()));
    }
    let Some(kind) = infer::get(bytes) else {
        return Err(PhotoError::NotAnImage);
    };
    match kind.mime_type() {
        "image/jpeg" => Ok(ImageFormat::Jpeg),
        "image/png" => Ok(ImageFormat::Png),
        "image/webp" => Ok(ImageFormat::WebP),
        "image/heif" => Err(PhotoError::Unsupported("HEIC".into())),
        "image/tiff" => Err(PhotoError::Unsupported("TIFF".into())),
        _ if kind.matcher_type() == infer::MatcherType::Image => {
            Err(PhotoError::Unsupported(kind.extension().to_uppercase()))
        }
        _ => Err(PhotoError::NotAnImage),
    }
}

/// An ISO-BMFF file (`....ftyp`) whose brands say HEIC/HEIF with HEVC (iPhone photos),
/// including the brands `infer` doesn't list.
fn is_heic(bytes: &[u8]) -> bool {
    const HEIC_BRANDS: [&[u8]; 8] = [
        b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"hevm", b"hevs",
    ];
    if bytes.len() < 16 || &bytes[4..8] != b"ftyp" {
        return false;
    }
    let box_len = u32::from_be_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]) as usize;
    let end = box_len.clamp(16, bytes.len());
    let major = &bytes[8..12];
    // Compatible brands start after the major brand and minor version.
    let compatible = bytes[16..end].chunks_exact(4);
    std::iter::once(major)
        .chain(compatible)
        .any(|brand| HEIC_BRANDS.contains(&brand))
}

fn decode_error(e: ImageError) -> PhotoError {
    match e {
        ImageError::Limits(_) => PhotoError::TooManyPixels,
        _ => PhotoError::Corrupt,
    }
}

/// 8-bit RGB; any transparency is composited onto white (JPEG has no alpha, and a
/// transparent PNG would otherwise turn black). 8-bit RGBA is converted in its own
/// buffer; other layouts are read pixel by pixel into one new RGB buffer, so the
/// conversion never holds more than the decoded image plus its RGB result.
fn flatten_onto_white(image: DynamicImage) -> RgbImage {
    match image {
        DynamicImage::ImageRgb8(rgb) => rgb,
        DynamicImage::ImageRgba8(rgba) => {
            let (w, h) = rgba.dimensions();
            let mut buf = rgba.into_raw();
            // Each pixel's 3 bytes go at or before where its 4 were read: safe in place.
            for i in 0..(w as usize * h as usize) {
                let px = [buf[4 * i], buf[4 * i + 1], buf[4 * i + 2], buf[4 * i + 3]];
                let rgb = over_white(px);
                buf[3 * i..3 * i + 3].copy_from_slice(&rgb);
            }
            buf.truncate(3 * w as usize * h as usize);
            buf.shrink_to_fit();
            RgbImage::from_raw(w, h, buf).unwrap_or_else(|| RgbImage::new(w, h))
        }
        other => {
            let (w, h) = other.dimensions();
            let mut out = RgbImage::new(w, h);
            // `get_pixel` gives 8-bit RGBA from any layout (16-bit scaled down).
            for (x, y, o) in out.enumerate_pixels_mut() {
                o.0 = over_white(other.get_pixel(x, y).0);
            }
            out
        }
    }
}

fn over_white([r, g, b, a]: [u8; 4]) -> [u8; 3] {
    if a == 255 {
        return [r, g, b];
    }
    let a = u32::from(a);
    let mix = |c: u8| ((u32::from(c) * a + 255 * (255 - a) + 127) / 255) as u8;
    [mix(r), mix(g), mix(b)]
}

/// The photo turned as its EXIF orientation says it should be displayed.
fn upright(image: RgbImage, orientation: Orientation) -> RgbImage {
    if orientation == Orientation::NoTransforms {
        return image;
    }
    let mut image = DynamicImage::ImageRgb8(image);
    image.apply_orientation(orientation);
    image.into_rgb8()
}

/// (width, height) scaled so the long side is at most `long`, never enlarged.
fn fit(width: u32, height: u32, long: u32) -> (u32, u32) {
    let side = width.max(height);
    if side <= long {
        return (width, height);
    }
    let scale = |v: u32| {
        ((u64::from(v) * u64::from(long) + u64::from(side) / 2) / u64::from(side)).max(1) as u32
    };
    (scale(width), scale(height))
}

/// Lanczos3 to `width` × `height`; `None` when the image is that size already.
/// fast_image_resize (SIMD) takes tens of ms for 12 MP → 5 MP, `image`'s own ~500 ms.
fn resize(image: &RgbImage, width: u32, height: u32) -> Result<Option<RgbImage>, PhotoError> {
    use fast_image_resize as fr;
    if image.dimensions() == (width, height) {
        return Ok(None);
    }
    let src = fr::images::ImageRef::new(
        image.width(),
        image.height(),
        image.as_raw(),
        fr::PixelType::U8x3,
    )
    .map_err(|_| PhotoError::Corrupt)?;
    let mut dst = fr::images::Image::new(width, height, fr::PixelType::U8x3);
    let options =
        fr::ResizeOptions::new().resize_alg(fr::ResizeAlg::Convolution(fr::FilterType::Lanczos3));
    fr::Resizer::new()
        .resize(&src, &mut dst, &options)
        .map_err(|_| PhotoError::Corrupt)?;
    RgbImage::from_raw(width, height, dst.into_vec())
        .map(Some)
        .ok_or(PhotoError::Corrupt)
}

fn encode_jpeg(image: &RgbImage, quality: u8, icc: Option<&[u8]>) -> Result<Vec<u8>, PhotoError> {
    let mut out = Vec::with_capacity(image.as_raw().len() / 8);
    let mut encoder = JpegEncoder::new_with_quality(&mut out, quality);
    if let Some(icc) = icc {
        // A profile the encoder can't take just means sRGB is assumed.
        let _ = encoder.set_icc_profile(icc.to_vec());
    }
    encoder
        .write_image(
            image.as_raw(),
            image.width(),
            image.height(),
            ExtendedColorType::Rgb8,
        )
        .map_err(|_| PhotoError::Corrupt)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::photos::demo_photo;
    use image::{GenericImageView, Rgb, RgbImage, Rgba, RgbaImage};

    fn pattern(w: u32, h: u32) -> RgbImage {
        RgbImage::from_fn(w, h, |x, y| {
            Rgb([(x * 255 / w) as u8, (y * 255 / h) as u8, 128])
        })
    }

    fn encode(image: DynamicImage, format: ImageFormat) -> Vec<u8> {
        let mut out = Cursor::new(Vec::new());
        image.write_to(&mut out, format).unwrap();
        out.into_inner()
    }

    fn decode(jpeg: &[u8]) -> DynamicImage {
        image::load_from_memory_with_format(jpeg, ImageFormat::Jpeg).unwrap()
    }

    /// The markers of a JPEG's segments before the image data (APP0, APP1 = EXIF, …).
    fn segment_markers(jpeg: &[u8]) -> Vec<u8> {
        assert_eq!(&jpeg[..2], &[0xFF, 0xD8]);
        let mut markers = Vec::new();
        let mut i = 2;
        while i + 4 <= jpeg.len() && jpeg[i] == 0xFF {
            let marker = jpeg[i + 1];
            markers.push(marker);
            if marker == 0xDA {
                break; // start of scan: pixel data follows
            }
            let len = u16::from_be_bytes([jpeg[i + 2], jpeg[i + 3]]) as usize;
            i += 2 + len;
        }
        markers
    }

    /// A JPEG with an EXIF block (APP1) holding an orientation and a GPS latitude.
    fn jpeg_with_exif(image: RgbImage, orientation: u16) -> Vec<u8> {
        let mut tiff = vec![b'M', b'M', 0, 0x2A, 0, 0, 0, 8];
        tiff.extend_from_slice(&2u16.to_be_bytes()); // IFD0: two entries
        tiff.extend_from_slice(&[0x01, 0x12, 0, 3, 0, 0, 0, 1]); // Orientation, SHORT ×1
        tiff.extend_from_slice(&orientation.to_be_bytes());
        tiff.extend_from_slice(&[0, 0]);
        tiff.extend_from_slice(&[0x88, 0x25, 0, 4, 0, 0, 0, 1]); // GPS IFD pointer, LONG ×1
        tiff.extend_from_slice(&38u32.to_be_bytes());
        tiff.extend_from_slice(&0u32.to_be_bytes()); // no IFD1
        assert_eq!(tiff.len(), 38);
        tiff.extend_from_slice(&1u16.to_be_bytes()); // GPS IFD: one entry
        tiff.extend_from_slice(&[0, 1, 0, 2, 0, 0, 0, 2, b'N', 0, 0, 0]); // GPSLatitudeRef "N"
        tiff.extend_from_slice(&0u32.to_be_bytes());
        let mut payload = b"Exif\0\0".to_vec();
        payload.extend_from_slice(&tiff);
        let plain = encode(DynamicImage::ImageRgb8(image), ImageFormat::Jpeg);
        let mut out = plain[..2].to_vec();
        out.extend_from_slice(&[0xFF, 0xE1]);
        out.extend_from_slice(&((payload.len() + 2) as u16).to_be_bytes());
        out.extend_from_slice(&payload);
        out.extend_from_slice(&plain[2..]);
        out
    }

    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = 0xFFFF_FFFFu32;
        for &b in bytes {
            crc ^= u32::from(b);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }

    fn png_chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        let start = out.len();
        out.extend_from_slice(kind);
        out.extend_from_slice(data);
        let crc = crc32(&out[start..]);
        out.extend_from_slice(&crc.to_be_bytes());
    }

    /// A PNG whose header claims `width` × `height` RGBA, followed by a few bytes of
    /// junk pixel data: decoding it would fail, so a size refusal proves no decoding.
    fn png_header_only(width: u32, height: u32) -> Vec<u8> {
        png_header_with(width, height, 8, 6)
    }

    /// The same with a bit depth and PNG colour type (2 RGB, 4 grey + alpha, 6 RGBA).
    fn png_header_with(width: u32, height: u32, depth: u8, color: u8) -> Vec<u8> {
        let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
        let mut ihdr = Vec::new();
        ihdr.extend_from_slice(&width.to_be_bytes());
        ihdr.extend_from_slice(&height.to_be_bytes());
        ihdr.extend_from_slice(&[depth, color, 0, 0, 0]);
        png_chunk(&mut out, b"IHDR", &ihdr);
        png_chunk(&mut out, b"IDAT", &[0x78, 0x9C, 1, 2, 3, 4]);
        png_chunk(&mut out, b"IEND", &[]);
        out
    }

    #[test]
    fn a_jpeg_is_accepted_and_comes_back_as_a_jpeg_of_the_same_size() {
        let input = encode(
            DynamicImage::ImageRgb8(pattern(640, 427)),
            ImageFormat::Jpeg,
        );
        let photo = process_photo(&input).unwrap();
        assert_eq!((photo.width, photo.height), (640, 427));
        assert_eq!(infer::get(&photo.full).unwrap().mime_type(), "image/jpeg");
        assert_eq!(decode(&photo.full).dimensions(), (640, 427));
    }

    #[test]
    fn a_png_is_accepted_and_its_transparency_becomes_white() {
        let image = RgbaImage::from_fn(300, 200, |x, _| {
            if x < 150 {
                Rgba([0, 0, 0, 0])
            } else {
                Rgba([200, 30, 30, 255])
            }
        });
        let input = encode(DynamicImage::ImageRgba8(image), ImageFormat::Png);
        let photo = process_photo(&input).unwrap();
        let out = decode(&photo.full).into_rgb8();
        let left = out.get_pixel(40, 100);
        assert!(
            left.0.iter().all(|&c| c > 240),
            "transparent became {left:?}"
        );
        let right = out.get_pixel(260, 100);
        assert!(
            right[0] > 170 && right[1] < 70,
            "opaque red became {right:?}"
        );
    }

    #[test]
    fn a_webp_is_accepted() {
        let image =
            DynamicImage::ImageRgba8(DynamicImage::ImageRgb8(pattern(320, 240)).into_rgba8());
        let input = encode(image, ImageFormat::WebP);
        assert_eq!(infer::get(&input).unwrap().mime_type(), "image/webp");
        let photo = process_photo(&input).unwrap();
        assert_eq!((photo.width, photo.height), (320, 240));
        assert_eq!(decode(&photo.thumb).dimensions(), (320, 240));
    }

    #[test]
    fn a_gif_is_refused_as_not_supported_whatever_its_name() {
        // The upload's name (say "house.jpg") is never consulted: only these bytes.
        let gif = b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;";
        let err = process_photo(gif).unwrap_err();
        assert_eq!(err, PhotoError::Unsupported("GIF".into()));
        assert_eq!(
            err.to_string(),
            "GIF images aren't supported. Please choose a JPEG, PNG or WebP photo."
        );
    }

    #[test]
    fn a_text_file_is_refused_as_not_an_image_whatever_its_name() {
        let err = process_photo(b"Lovely 3-bed house near the park.\n").unwrap_err();
        assert_eq!(err, PhotoError::NotAnImage);
        assert!(err.to_string().contains("isn't a photo"));
        assert_eq!(process_photo(b"").unwrap_err(), PhotoError::NotAnImage);
    }

    #[test]
    fn a_heic_photo_is_refused_with_the_export_as_jpeg_message() {
        for brands in [
            &b"heic\0\0\0\0mif1heic"[..],
            &b"mif1\0\0\0\0mif1heic"[..],
            &b"hevc\0\0\0\0hevcmif1"[..],
        ] {
            let mut heic = vec![0, 0, 0, (8 + brands.len()) as u8];
            heic.extend_from_slice(b"ftyp");
            heic.extend_from_slice(brands);
            heic.extend_from_slice(&[0; 64]);
            let err = process_photo(&heic).unwrap_err();
            assert_eq!(err, PhotoError::Unsupported("HEIC".into()));
            assert_eq!(
                err.to_string(),
                "HEIC photos can't be read here yet; export as JPEG and try again."
            );
        }
    }

    #[test]
    fn a_file_over_5_mb_is_refused() {
        let mut big = encode(DynamicImage::ImageRgb8(pattern(64, 64)), ImageFormat::Jpeg);
        big.resize(MAX_UPLOAD_BYTES + 1, 0);
        let err = process_photo(&big).unwrap_err();
        assert_eq!(err, PhotoError::TooLarge);
        assert!(err.to_string().starts_with("This photo is over 5 MB."));
    }

    #[test]
    fn a_png_header_claiming_25_megapixels_is_refused_without_decoding() {
        let started = std::time::Instant::now();
        let err = process_photo(&png_header_only(5_000, 5_000)).unwrap_err();
        assert_eq!(err, PhotoError::TooManyPixels);
        assert!(err.to_string().contains("24 megapixels"));
        // Decoding 50 MP (200 MB of pixels) would take far longer than reading a header.
        assert!(started.elapsed() < std::time::Duration::from_secs(1));
        // Within the pixel budget but wider than any decoder should accept.
        assert_eq!(
            process_photo(&png_header_only(30_000, 100)).unwrap_err(),
            PhotoError::TooManyPixels
        );
    }

    #[test]
    fn a_16_bit_png_counts_twice_the_bytes_and_is_refused_from_the_header_over_the_budget() {
        // 16-bit RGBA: 8 bytes a pixel, so 12 MP is the most; 13.4 MP is refused by name.
        let err = process_photo(&png_header_with(4200, 3200, 16, 6)).unwrap_err();
        assert_eq!(
            err,
            PhotoError::TooDeep {
                allowed_mp: 12,
                actual_mp: "13.4".into()
            }
        );
        let msg = err.to_string();
        assert!(
            msg.contains("16 bits") && msg.contains("at most 12 megapixels"),
            "{msg}"
        );
        assert!(msg.contains("8-bit PNG or a JPEG"), "{msg}");
        // 16-bit RGB: 6 bytes a pixel, 16 MP at most.
        assert!(matches!(
            process_photo(&png_header_with(4800, 3400, 16, 2)).unwrap_err(),
            PhotoError::TooDeep { allowed_mp: 16, .. }
        ));
        // Within the budget the header passes and decoding starts (junk data: Corrupt).
        for (w, h, depth, color) in [(4000, 3000, 16, 6), (6000, 4000, 8, 6), (6000, 4000, 16, 4)] {
            assert_eq!(
                process_photo(&png_header_with(w, h, depth, color)).unwrap_err(),
                PhotoError::Corrupt,
                "{w}x{h} {depth}-bit type {color}"
            );
        }
    }

    #[test]
    fn a_16_bit_png_with_transparency_becomes_8_bit_on_white() {
        let image: image::ImageBuffer<Rgba<u16>, Vec<u16>> =
            image::ImageBuffer::from_fn(200, 100, |x, _| {
                if x < 100 {
                    Rgba([0, 0, 0, 0])
                } else {
                    Rgba([52_000, 8_000, 8_000, 65_535])
                }
            });
        let input = encode(DynamicImage::ImageRgba16(image), ImageFormat::Png);
        let photo = process_photo(&input).unwrap();
        let out = decode(&photo.full).into_rgb8();
        let left = out.get_pixel(30, 50);
        let right = out.get_pixel(170, 50);
        assert!(left.0.iter().all(|&c| c > 240), "left is {left:?}");
        assert!(right[0] > 180 && right[1] < 60, "right is {right:?}");
    }

    #[test]
    fn a_large_rotated_photo_is_resized_then_turned_upright() {
        let photo = process_photo(&jpeg_with_exif(pattern(3000, 1500), 6)).unwrap();
        assert_eq!((photo.width, photo.height), (1280, 2560));
        assert_eq!(decode(&photo.full).dimensions(), (1280, 2560));
        assert_eq!((photo.thumb_width, photo.thumb_height), (240, 480));
    }

    #[test]
    fn a_damaged_image_is_refused_as_corrupt() {
        // A fair header whose pixel data is junk.
        assert_eq!(
            process_photo(&png_header_only(64, 64)).unwrap_err(),
            PhotoError::Corrupt
        );
        let jpeg = encode(DynamicImage::ImageRgb8(pattern(64, 64)), ImageFormat::Jpeg);
        let mut broken = jpeg[..3].to_vec();
        broken.extend_from_slice(&[0x17; 200]);
        assert_eq!(process_photo(&broken).unwrap_err(), PhotoError::Corrupt);
    }

    #[test]
    fn exif_orientation_6_turns_the_photo_a_quarter_clockwise() {
        // Left half red, right half blue, 80 × 40; orientation 6 means "rotate 90° CW
        // to display", so the result is 40 × 80 with red on top.
        let image = RgbImage::from_fn(80, 40, |x, _| {
            if x < 40 {
                Rgb([220, 20, 20])
            } else {
                Rgb([20, 20, 220])
            }
        });
        let photo = process_photo(&jpeg_with_exif(image, 6)).unwrap();
        assert_eq!((photo.width, photo.height), (40, 80));
        let out = decode(&photo.full).into_rgb8();
        assert_eq!(out.dimensions(), (40, 80));
        let top = out.get_pixel(20, 10);
        let bottom = out.get_pixel(20, 70);
        assert!(top[0] > 150 && top[2] < 100, "top is {top:?}");
        assert!(bottom[2] > 150 && bottom[0] < 100, "bottom is {bottom:?}");
        assert_eq!((photo.thumb_width, photo.thumb_height), (40, 80));
    }

    #[test]
    fn the_output_has_no_exif_or_gps_metadata() {
        let input = jpeg_with_exif(pattern(200, 100), 1);
        assert!(
            segment_markers(&input).contains(&0xE1),
            "the input has EXIF"
        );
        assert!(input.windows(4).any(|w| w == b"Exif"));
        let photo = process_photo(&input).unwrap();
        for jpeg in [&photo.full, &photo.thumb] {
            assert!(
                !segment_markers(jpeg).contains(&0xE1),
                "an APP1 (EXIF/XMP) segment survived"
            );
            assert!(!jpeg.windows(4).any(|w| w == b"Exif"));
        }
        assert_eq!(
            (photo.width, photo.height),
            (200, 100),
            "orientation 1 changes nothing"
        );
    }

    #[test]
    fn large_photos_are_capped_at_2560_px_and_thumbnails_at_480_px() {
        let input = encode(
            DynamicImage::ImageRgb8(pattern(3000, 1500)),
            ImageFormat::Png,
        );
        let photo = process_photo(&input).unwrap();
        assert_eq!((photo.width, photo.height), (2560, 1280));
        assert_eq!(decode(&photo.full).dimensions(), (2560, 1280));
        assert_eq!((photo.thumb_width, photo.thumb_height), (480, 240));
        assert_eq!(decode(&photo.thumb).dimensions(), (480, 240));
        assert!(photo.thumb.len() < photo.full.len());
    }

    #[test]
    fn small_photos_are_not_enlarged() {
        let input = encode(DynamicImage::ImageRgb8(pattern(120, 90)), ImageFormat::Jpeg);
        let photo = process_photo(&input).unwrap();
        assert_eq!(
            (
                photo.width,
                photo.height,
                photo.thumb_width,
                photo.thumb_height
            ),
            (120, 90, 120, 90)
        );
    }

    #[test]
    fn fit_keeps_the_aspect_ratio_and_never_reaches_zero() {
        assert_eq!(fit(4000, 3000, 2560), (2560, 1920));
        assert_eq!(fit(3000, 4000, 480), (360, 480));
        assert_eq!(fit(20_000, 2, 480), (480, 1));
        assert_eq!(fit(100, 50, 480), (100, 50));
    }

    #[test]
    fn demo_photos_decode_at_the_requested_size_and_are_deterministic() {
        for seed in [0, 1, 2, 10] {
            let a = demo_photo(seed, 400, 267);
            assert_eq!(
                a,
                demo_photo(seed, 400, 267),
                "seed {seed} is not deterministic"
            );
            assert_eq!(decode(&a).dimensions(), (400, 267));
            // and they pass the upload checks like a real photo
            assert_eq!(process_photo(&a).unwrap().width, 400);
        }
        assert_ne!(demo_photo(0, 200, 133), demo_photo(10, 200, 133));
        assert_ne!(demo_photo(1, 200, 133), demo_photo(2, 200, 133));
    }
}
