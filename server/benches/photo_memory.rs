//! Peak memory of `process_photo` on the costliest images the upload limits let in
//! (issue 11 item 10): each image is processed in a fresh child process, which reads
//! its own high-water mark (`VmHWM` in `/proc/self/status`) after loading the file and
//! again after processing it, so every figure is that one image's peak and nothing else.
//! Run: `cargo bench -p server --bench photo_memory` (Linux only: it reads `/proc`).

use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::process::Command;

use image::{DynamicImage, ImageBuffer, ImageFormat, LumaA, Rgb, RgbImage, Rgba, RgbaImage};

/// One candidate for "worst accepted image": the decoded layout decides the cost.
struct Case {
    name: &'static str,
    make: fn() -> Vec<u8>,
}

/// Mostly uniform, in 8-bit steps over 64-pixel bands: real pixels to decode, yet a file
/// of a few hundred KB (the size of an image decides its memory, not its content).
fn shade(x: u32, y: u32, w: u32, h: u32) -> f32 {
    let (bx, by) = ((x / 64 * 64) as f32, (y / 64 * 64) as f32);
    let v = 0.35 + 0.3 * (bx / w as f32) * (by / h as f32);
    (v * 255.0).round() / 255.0
}

fn png_rgba16(w: u32, h: u32) -> Vec<u8> {
    let img: ImageBuffer<Rgba<u16>, Vec<u16>> = ImageBuffer::from_fn(w, h, |x, y| {
        let v = (shade(x, y, w, h) * 65535.0) as u16;
        Rgba([v, v / 2, 40_000, 65535])
    });
    encode(DynamicImage::ImageRgba16(img), ImageFormat::Png)
}

fn png_rgb16(w: u32, h: u32) -> Vec<u8> {
    let img: ImageBuffer<Rgb<u16>, Vec<u16>> = ImageBuffer::from_fn(w, h, |x, y| {
        let v = (shade(x, y, w, h) * 65535.0) as u16;
        Rgb([v, v / 2, 40_000])
    });
    encode(DynamicImage::ImageRgb16(img), ImageFormat::Png)
}

fn png_la16(w: u32, h: u32) -> Vec<u8> {
    let img: ImageBuffer<LumaA<u16>, Vec<u16>> = ImageBuffer::from_fn(w, h, |x, y| {
        LumaA([(shade(x, y, w, h) * 65535.0) as u16, 50_000])
    });
    encode(DynamicImage::ImageLumaA16(img), ImageFormat::Png)
}

/// A JPEG with an EXIF block saying "rotate 90° clockwise to display" (orientation 6).
fn jpeg_rotated(w: u32, h: u32) -> Vec<u8> {
    let plain = encode(DynamicImage::ImageRgb8(rgb8(w, h)), ImageFormat::Jpeg);
    let mut tiff = vec![b'M', b'M', 0, 0x2A, 0, 0, 0, 8];
    tiff.extend_from_slice(&1u16.to_be_bytes()); // IFD0: one entry
    tiff.extend_from_slice(&[0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0]); // Orientation = 6
    tiff.extend_from_slice(&0u32.to_be_bytes()); // no next IFD
    let mut payload = b"Exif\0\0".to_vec();
    payload.extend_from_slice(&tiff);
    let mut out = plain[..2].to_vec();
    out.extend_from_slice(&[0xFF, 0xE1]);
    out.extend_from_slice(&((payload.len() + 2) as u16).to_be_bytes());
    out.extend_from_slice(&payload);
    out.extend_from_slice(&plain[2..]);
    out
}

fn rgba8(w: u32, h: u32) -> RgbaImage {
    RgbaImage::from_fn(w, h, |x, y| {
        let v = (shade(x, y, w, h) * 255.0) as u8;
        Rgba([v, v / 2, 160, 200])
    })
}

fn rgb8(w: u32, h: u32) -> RgbImage {
    RgbImage::from_fn(w, h, |x, y| {
        let v = (shade(x, y, w, h) * 255.0) as u8;
        Rgb([v, v / 2, 160])
    })
}

fn encode(image: DynamicImage, format: ImageFormat) -> Vec<u8> {
    let mut out = Cursor::new(Vec::new());
    image.write_to(&mut out, format).expect("encoding works");
    out.into_inner()
}

const CASES: &[Case] = &[
    Case {
        name: "PNG 16-bit RGBA 8000x5000 (40 MP)",
        make: || png_rgba16(8000, 5000),
    },
    Case {
        name: "PNG 16-bit RGBA 5000x4000 (20 MP)",
        make: || png_rgba16(5000, 4000),
    },
    Case {
        name: "PNG 8-bit RGBA 8000x5000 (40 MP)",
        make: || {
            encode(
                DynamicImage::ImageRgba8(rgba8(8000, 5000)),
                ImageFormat::Png,
            )
        },
    },
    Case {
        name: "PNG 16-bit RGBA 4000x3000 (12 MP)",
        make: || png_rgba16(4000, 3000),
    },
    Case {
        name: "PNG 16-bit RGB 4800x3333 (16 MP)",
        make: || png_rgb16(4800, 3333),
    },
    Case {
        name: "PNG 16-bit grey+alpha 6000x4000 (24 MP)",
        make: || png_la16(6000, 4000),
    },
    Case {
        name: "PNG 8-bit RGBA 6000x4000 (24 MP)",
        make: || {
            encode(
                DynamicImage::ImageRgba8(rgba8(6000, 4000)),
                ImageFormat::Png,
            )
        },
    },
    Case {
        name: "WebP lossless RGBA 6000x4000 (24 MP)",
        make: || {
            encode(
                DynamicImage::ImageRgba8(rgba8(6000, 4000)),
                ImageFormat::WebP,
            )
        },
    },
    Case {
        name: "JPEG 6000x4000 (24 MP)",
        make: || encode(DynamicImage::ImageRgb8(rgb8(6000, 4000)), ImageFormat::Jpeg),
    },
    Case {
        name: "JPEG 6000x4000 (24 MP), EXIF rotated",
        make: || jpeg_rotated(6000, 4000),
    },
    Case {
        name: "JPEG 20000x1200 panorama (24 MP)",
        make: || {
            encode(
                DynamicImage::ImageRgb8(rgb8(20_000, 1200)),
                ImageFormat::Jpeg,
            )
        },
    },
];

/// Kilobytes from one line of `/proc/self/status` (`VmHWM:   123456 kB`).
fn status_kb(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("Linux /proc");
    status
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

/// In the child: load the file, note the high-water mark, process, note it again.
fn child(path: &Path) {
    let bytes = std::fs::read(path).expect("input file");
    let before = status_kb("VmHWM:");
    let outcome = match server::photos::process_photo(&bytes) {
        Ok(p) => format!("accepted {}x{}", p.width, p.height),
        Err(e) => format!("refused: {e}"),
    };
    let after = status_kb("VmHWM:");
    println!("{before} {after} {outcome}");
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--child") {
        child(Path::new(&args[i + 1]));
        return;
    }
    // `cargo bench -- <filter>` runs the cases whose name contains the filter
    let filter = args.iter().skip(1).find(|a| !a.starts_with("--")).cloned();
    let dir: PathBuf = std::env::temp_dir().join(format!("photo-memory-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let exe = std::env::current_exe().expect("own path");
    println!("peak resident memory of process_photo, one fresh process per image");
    println!(
        "{:<40} {:>9} {:>10} {:>10}  outcome",
        "image", "file", "peak", "added"
    );
    let mut worst: Option<(u64, &str)> = None;
    for case in CASES {
        if filter.as_deref().is_some_and(|f| !case.name.contains(f)) {
            continue;
        }
        let bytes = (case.make)();
        let path = dir.join("input");
        std::fs::write(&path, &bytes).expect("write input");
        let out = Command::new(&exe)
            .arg("--child")
            .arg(&path)
            .output()
            .expect("child runs");
        let text = String::from_utf8_lossy(&out.stdout);
        let mut parts = text.trim().splitn(3, ' ');
        let before: u64 = parts.next().and_then(|s| s.parse().ok()).unwrap_or(0);
        let after: u64 = parts.next().and_then(|s| s.parse().ok()).unwrap_or(0);
        let outcome = parts.next().unwrap_or("child failed").to_owned();
        println!(
            "{:<40} {:>6} KB {:>7} MB {:>7} MB  {}",
            case.name,
            bytes.len() / 1024,
            after / 1024,
            after.saturating_sub(before) / 1024,
            outcome
        );
        if outcome.starts_with("accepted") && worst.is_none_or(|(w, _)| after > w) {
            worst = Some((after, case.name));
        }
    }
    if let Some((kb, name)) = worst {
        println!("worst accepted: {name}, peak {} MB", kb / 1024);
    }
    let _ = std::fs::remove_dir_all(&dir);
}
