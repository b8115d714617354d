//! Procedurally drawn listing photos for the demo data: no image files shipped, the
//! same seed always gives the same picture.

use image::codecs::jpeg::JpegEncoder;
use image::{ExtendedColorType, ImageEncoder};

type Rgb = [f32; 3];

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

/// splitmix64: tiny, and stable across versions (unlike a library RNG's streams).
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed ^ 0x5DEE_CE66_D1CE_4E5B)
    }
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in [lo, hi).
    fn range(&mut self, lo: f32, hi: f32) -> f32 {
        lo + (hi - lo) * ((self.next() >> 40) as f32 / (1u64 << 24) as f32)
    }
    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[(self.next() % items.len() as u64) as usize]
    }
    fn chance(&mut self, p: f32) -> bool {
        self.range(0.0, 1.0) < p
    }
}

/// Hash noise in [-1, 1] for integer coordinates.
fn noise(x: i64, y: i64, salt: u64) -> f32 {
    let mut z = (x as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)
        ^ (y as u64).wrapping_mul(0xC2B2_AE3D_27D4_EB4F)
        ^ salt;
    z = (z ^ (z >> 29)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z ^= z >> 32;
    (z & 0xFFFF) as f32 / 32767.5 - 1.0
}

fn rgb(hex: u32) -> Rgb {
    [
        ((hex >> 16) & 0xFF) as f32,
        ((hex >> 8) & 0xFF) as f32,
        (hex & 0xFF) as f32,
    ]
}

fn mix(a: Rgb, b: Rgb, t: f32) -> Rgb {
    [
        a[0] + (b[0] - a[0]) * t,
        a[1] + (b[1] - a[1]) * t,
        a[2] + (b[2] - a[2]) * t,
    ]
}

fn scale(c: Rgb, k: f32) -> Rgb {
    [c[0] * k, c[1] * k, c[2] * k]
}

fn smooth(t: f32) -> f32 {
    let t = t.clamp(0.0, 1.0);
    t * t * (3.0 - 2.0 * t)
}

/// A float RGB canvas with anti-aliased shapes painted over their bounding boxes.
/// Paint closures get the pixel centre and return its colour.
struct Canvas {
    w: usize,
    h: usize,
    px: Vec<Rgb>,
}

impl Canvas {
    fn new(w: usize, h: usize) -> Self {
        Canvas {
            w,
            h,
            px: vec![[0.0; 3]; w * h],
        }
    }

    fn wf(&self) -> f32 {
        self.w as f32
    }

    fn hf(&self) -> f32 {
        self.h as f32
    }

    fn blend(&mut self, x: usize, y: usize, c: Rgb, a: f32) {
        if a <= 0.0 {
            return;
        }
        let p = &mut self.px[y * self.w + x];
        *p = if a >= 1.0 { c } else { mix(*p, c, a) };
    }

    fn span(&self, lo: f32, hi: f32, len: usize) -> std::ops::Range<usize> {
        let lo = lo.floor().max(0.0) as usize;
        let hi = (hi.ceil().max(0.0) as usize).min(len);
        lo.min(hi)..hi
    }

    /// Whole rows from `y0` down to `y1` (rounded), each painted by `paint(y, row)`:
    /// per-row work stays out of the per-pixel loop. Pixel `i` of a row is at x = i + 0.5.
    fn rows(&mut self, y0: f32, y1: f32, mut paint: impl FnMut(f32, &mut [Rgb])) {
        let lo = (y0.round().max(0.0) as usize).min(self.h);
        let hi = (y1.round().max(0.0) as usize).min(self.h);
        for (y, row) in self
            .px
            .chunks_exact_mut(self.w)
            .enumerate()
            .take(hi)
            .skip(lo)
        {
            paint(y as f32 + 0.5, row);
        }
    }

    fn rect(
        &mut self,
        x0: f32,
        y0: f32,
        x1: f32,
        y1: f32,
        alpha: f32,
        paint: impl Fn(f32, f32) -> Rgb,
    ) {
        for y in self.span(y0, y1, self.h) {
            let cy = ((y as f32 + 1.0).min(y1) - (y as f32).max(y0)).clamp(0.0, 1.0);
            for x in self.span(x0, x1, self.w) {
                let cx = ((x as f32 + 1.0).min(x1) - (x as f32).max(x0)).clamp(0.0, 1.0);
                let c = paint(x as f32 + 0.5, y as f32 + 0.5);
                self.blend(x, y, c, cx * cy * alpha);
            }
        }
    }

    fn solid_rect(&mut self, x0: f32, y0: f32, x1: f32, y1: f32, c: Rgb) {
        self.rect(x0, y0, x1, y1, 1.0, |_, _| c);
    }

    /// A convex polygon (either winding).
    fn poly(&mut self, pts: &[(f32, f32)], alpha: f32, paint: impl Fn(f32, f32) -> Rgb) {
        let area: f32 = (0..pts.len())
            .map(|i| {
                let (a, b) = (pts[i], pts[(i + 1) % pts.len()]);
                a.0 * b.1 - b.0 * a.1
            })
            .sum();
        let sign = if area >= 0.0 { 1.0 } else { -1.0 };
        let edges: Vec<(f32, f32, f32)> = (0..pts.len())
            .map(|i| {
                let (a, b) = (pts[i], pts[(i + 1) % pts.len()]);
                let (dx, dy) = (b.0 - a.0, b.1 - a.1);
                let len = (dx * dx + dy * dy).sqrt().max(1e-6);
                // inward normal, so the distance is positive inside
                let (nx, ny) = (-dy / len * sign, dx / len * sign);
                (nx, ny, -(nx * a.0 + ny * a.1))
            })
            .collect();
        let (mut x0, mut y0, mut x1, mut y1) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
        for &(x, y) in pts {
            x0 = x0.min(x);
            y0 = y0.min(y);
            x1 = x1.max(x);
            y1 = y1.max(y);
        }
        for y in self.span(y0 - 1.0, y1 + 1.0, self.h) {
            for x in self.span(x0 - 1.0, x1 + 1.0, self.w) {
                let (px, py) = (x as f32 + 0.5, y as f32 + 0.5);
                let d = edges
                    .iter()
                    .map(|&(nx, ny, c)| nx * px + ny * py + c)
                    .fold(f32::MAX, f32::min);
                let a = (d + 0.5).clamp(0.0, 1.0) * alpha;
                if a > 0.0 {
                    self.blend(x, y, paint(px, py), a);
                }
            }
        }
    }

    /// An ellipse; `soft` widens the anti-aliased edge (in pixels) for clouds and glows.
    #[allow(clippy::too_many_arguments)]
    fn ellipse(
        &mut self,
        cx: f32,
        cy: f32,
        rx: f32,
        ry: f32,
        soft: f32,
        alpha: f32,
        paint: impl Fn(f32, f32) -> Rgb,
    ) {
        let (rx, ry) = (rx.max(0.5), ry.max(0.5));
        let soft = soft.max(1.0);
        for y in self.span(cy - ry - 1.0, cy + ry + 1.0, self.h) {
            for x in self.span(cx - rx - 1.0, cx + rx + 1.0, self.w) {
                let (px, py) = (x as f32 + 0.5, y as f32 + 0.5);
                let q = (((px - cx) / rx).powi(2) + ((py - cy) / ry).powi(2)).sqrt();
                let d = (1.0 - q) * rx.min(ry);
                let a = if soft <= 1.0 {
                    (d + 0.5).clamp(0.0, 1.0)
                } else {
                    smooth(d / soft)
                } * alpha;
                if a > 0.0 {
                    self.blend(x, y, paint(px, py), a);
                }
            }
        }
    }

    fn solid_ellipse(&mut self, cx: f32, cy: f32, rx: f32, ry: f32, c: Rgb) {
        self.ellipse(cx, cy, rx, ry, 1.0, 1.0, |_, _| c);
    }

    /// To 8-bit RGB with a soft vignette and a little grain (which also hides banding).
    fn finish(&self, seed: u64) -> Vec<u8> {
        let (w, h) = (self.wf(), self.hf());
        let mut out = vec![0u8; self.w * self.h * 3];
        let dx2: Vec<f32> = (0..self.w)
            .map(|x| ((x as f32 + 0.5) / w - 0.5).powi(2))
            .collect();
        let rows = self
            .px
            .chunks_exact(self.w)
            .zip(out.chunks_exact_mut(self.w * 3));
        for (y, (src, dst)) in rows.enumerate() {
            let dy = (y as f32 + 0.5) / h - 0.5;
            let vy = 1.0 - 0.28 * dy * dy;
            for (x, (p, o)) in src.iter().zip(dst.chunks_exact_mut(3)).enumerate() {
                let v = vy - 0.28 * dx2[x];
                // + 0.5 rounds; `as u8` saturates, so no clamp is needed
                let g = noise(x as i64, y as i64, seed) * 2.0 + 0.5;
                o[0] = (p[0] * v + g) as u8;
                o[1] = (p[1] * v + g) as u8;
                o[2] = (p[2] * v + g) as u8;
            }
        }
        out
    }
}

/// Sky gradient with soft clouds, from `top` to the horizon at `horizon`.
fn sky(cv: &mut Canvas, rng: &mut Rng, top: Rgb, low: Rgb, horizon: f32, clouds: usize) {
    cv.rows(0.0, horizon + 2.0, |y, row| {
        row.fill(mix(top, low, (y / horizon).powf(1.4)))
    });
    let (w, h) = (cv.wf(), cv.hf());
    for _ in 0..clouds {
        let cx = rng.range(0.0, w);
        let cy = rng.range(0.06, 0.32) * h;
        let size = rng.range(0.05, 0.11) * h;
        let alpha = rng.range(0.55, 0.85);
        for _ in 0..5 {
            let ox = rng.range(-2.2, 2.2) * size;
            let oy = rng.range(-0.35, 0.25) * size;
            let r = size * rng.range(0.6, 1.1);
            cv.ellipse(
                cx + ox,
                cy + oy,
                r * 1.6,
                r * 0.7,
                r * 0.5,
                alpha,
                |_, y| {
                    mix(
                        rgb(0xFFFFFF),
                        rgb(0xD9DEE6),
                        ((y - (cy - size)) / (2.0 * size)).clamp(0.0, 1.0),
                    )
                },
            );
        }
    }
}

fn exterior(cv: &mut Canvas, rng: &mut Rng) {
    let (w, h) = (cv.wf(), cv.hf());
    let horizon = h * rng.range(0.55, 0.6);
    let (top, low) = rng.pick(&[
        (0x3D7CC9, 0xBFDDF2),
        (0x5A88C8, 0xF2D2AE),
        (0x2F6FBF, 0xA9D1EE),
        (0x8FA6BF, 0xDDE3EA),
    ]);
    let clouds = rng.range(2.0, 6.0) as usize;
    sky(cv, rng, rgb(top), rgb(low), horizon, clouds);

    // Distant tree line, hazy.
    let (p1, p2) = (rng.range(0.0, 6.0), rng.range(0.0, 6.0));
    let haze = rgb(low);
    for x in 0..cv.w {
        let xf = x as f32 / w;
        let crest = horizon
            - h * (0.035
                + 0.025 * (xf * 9.0 + p1).sin()
                + 0.015 * (xf * 23.0 + p2).sin()
                + 0.006 * (xf * 71.0).sin());
        for y in cv.span(crest, horizon + 2.0, cv.h) {
            let a = (y as f32 + 1.0 - crest).clamp(0.0, 1.0);
            let depth = ((y as f32 - crest) / (horizon - crest + 1.0)).clamp(0.0, 1.0);
            let c = mix(mix(rgb(0x4F6F5A), haze, 0.45), rgb(0x3E5B48), depth * 0.5);
            cv.blend(x, y, c, a);
        }
    }

    // Lawn with perspective mowing stripes.
    let grass = rng.pick(&[0x6FA04A, 0x5E9445, 0x7AA653]);
    let cxw = w * 0.5;
    let (far, near) = (mix(rgb(grass), rgb(0xB5C98A), 0.35), scale(rgb(grass), 0.8));
    cv.rows(horizon, h, |y, row| {
        let t = ((y - horizon) / (h - horizon)).clamp(0.0, 1.0);
        let base = mix(far, near, t);
        // stripes radiate from the vanishing point: alternate bands of x / depth
        let k = 2.2 / (y - horizon + 0.04 * h) / std::f32::consts::PI;
        let amp = 0.05 * (1.0 - t * 0.5);
        let yn = y as i64 / 2;
        for (i, p) in row.iter_mut().enumerate() {
            let band = ((i as f32 + 0.5 - cxw) * k).floor() as i64;
            let stripe = if band & 1 == 0 { amp } else { -amp };
            *p = scale(base, 1.0 + stripe + 0.04 * noise(i as i64 / 3, yn, 7));
        }
    });

    // The house.
    let storeys = if rng.chance(0.55) { 2 } else { 1 };
    let storey_h = h * if storeys == 2 { 0.16 } else { 0.2 };
    let house_w = (w * rng.range(0.42, 0.52)).min(h * 1.05);
    let cx = w * rng.range(0.45, 0.55);
    let (x0, x1) = (cx - house_w / 2.0, cx + house_w / 2.0);
    let base = horizon + h * 0.11;
    let top_y = base - storeys as f32 * storey_h;
    let body = rgb(rng.pick(&[
        0xF3EFE6, 0xE9DFC8, 0xB9C6B0, 0x9FB2C2, 0xA65846, 0xC9C3B8, 0xDCCFB8,
    ]));
    let trim = rgb(0xF8F8F4);
    let roof = rgb(rng.pick(&[0x3B3E44, 0x4A3C35, 0x55606B, 0x6B4A3A, 0x2E3A46]));
    let accent = rgb(rng.pick(&[0x9E2B2B, 0x1F3A5F, 0x222222, 0x2F6B62, 0xC99A2E, 0x5B3A29]));

    // Soft shadow on the lawn.
    cv.ellipse(
        cx + house_w * 0.08,
        base + h * 0.01,
        house_w * 0.62,
        h * 0.035,
        h * 0.03,
        0.35,
        |_, _| rgb(0x2D4A25),
    );

    let siding = (h * 0.011).max(2.0);
    let brick = body[0] > body[1] + 40.0;
    cv.rect(x0, top_y, x1, base, 1.0, |x, y| {
        let under_eave = 1.0 - 0.18 * (1.0 - ((y - top_y) / (h * 0.04)).clamp(0.0, 1.0));
        let line = if brick {
            let row = (y / (siding * 0.7)) as i64;
            let off = if row % 2 == 0 { 0.0 } else { siding * 1.1 };
            let joint = (y % (siding * 0.7)) < 1.0 || ((x + off) % (siding * 2.2)) < 1.0;
            let tone = 1.0 + 0.06 * noise((x + off) as i64 / (siding * 2.2) as i64, row, 3);
            if joint {
                0.8
            } else {
                tone
            }
        } else if y % siding < siding * 0.18 {
            0.88
        } else {
            1.0
        };
        scale(body, under_eave * line)
    });
    // Corner boards and foundation.
    let board = house_w * 0.018;
    cv.solid_rect(x0, top_y, x0 + board, base, trim);
    cv.solid_rect(x1 - board, top_y, x1, base, trim);
    cv.solid_rect(x0, base - h * 0.018, x1, base, rgb(0x8C8A85));

    // Roof: a side gable (trapezoid) or a front gable (triangle with a gable wall).
    let overhang = house_w * 0.05;
    let front_gable = rng.chance(0.4);
    let roof_h = house_w * rng.range(0.2, 0.3);
    let shingle = (h * 0.014).max(2.0);
    let roof_paint = move |x: f32, y: f32| {
        let row = (y / shingle) as i64;
        let tab = ((x + if row % 2 == 0 { 0.0 } else { shingle * 1.2 }) / (shingle * 2.4)) as i64;
        let k = if y % shingle < 1.2 {
            0.78
        } else {
            1.0 + 0.07 * noise(tab, row, 11)
        };
        scale(roof, k)
    };
    if front_gable {
        let peak = top_y - roof_h;
        cv.poly(
            &[
                (x0 - overhang, top_y + 2.0),
                (cx, peak - overhang * 0.5),
                (x1 + overhang, top_y + 2.0),
            ],
            1.0,
            roof_paint,
        );
        let inset = house_w * 0.06;
        cv.poly(
            &[
                (x0 + inset, top_y + 1.0),
                (cx, peak + inset * 0.7),
                (x1 - inset, top_y + 1.0),
            ],
            1.0,
            |_, y| {
                let line = if y % siding < siding * 0.18 {
                    0.88
                } else {
                    1.0
                };
                scale(body, 0.9 * line)
            },
        );
        // Round gable vent.
        let vy = top_y - roof_h * 0.42;
        cv.solid_ellipse(cx, vy, roof_h * 0.13, roof_h * 0.13, trim);
        cv.solid_ellipse(cx, vy, roof_h * 0.1, roof_h * 0.1, scale(body, 0.55));
    } else {
        let ridge_inset = house_w * rng.range(0.12, 0.22);
        let ridge = top_y - roof_h * 0.75;
        if rng.chance(0.5) {
            let chx = if rng.chance(0.5) {
                x0 + house_w * 0.2
            } else {
                x1 - house_w * 0.26
            };
            cv.solid_rect(
                chx,
                ridge - h * 0.05,
                chx + house_w * 0.06,
                top_y,
                rgb(0x8E4B3A),
            );
            cv.solid_rect(
                chx - house_w * 0.008,
                ridge - h * 0.058,
                chx + house_w * 0.068,
                ridge - h * 0.045,
                rgb(0x5E5650),
            );
        }
        cv.poly(
            &[
                (x0 - overhang, top_y + 2.0),
                (x0 + ridge_inset, ridge),
                (x1 - ridge_inset, ridge),
                (x1 + overhang, top_y + 2.0),
            ],
            1.0,
            roof_paint,
        );
    }
    cv.solid_rect(
        x0 - overhang,
        top_y - h * 0.004,
        x1 + overhang,
        top_y + h * 0.01,
        trim,
    );

    // Door, with step and path.
    let door_w = storey_h * 0.36;
    let door_h = storey_h * 0.72;
    let door_x = if storeys == 1 && rng.chance(0.5) {
        cx - house_w * 0.18
    } else {
        cx
    };
    let door_top = base - door_h - h * 0.012;
    let sky_low = rgb(low);
    let stone = rgb(rng.pick(&[0xC9C2B5, 0xB8B2A8, 0xD4CBBB]));
    cv.poly(
        &[
            (door_x - door_w * 0.55, base),
            (door_x + door_w * 0.55, base),
            (door_x + door_w * 1.5, h + 1.0),
            (door_x - door_w * 1.5, h + 1.0),
        ],
        1.0,
        |x, y| {
            let t = (y - base) / (h - base);
            let seam = ((y - base) / (h * 0.02 * (1.0 + 3.0 * t))).fract() < 0.08;
            scale(
                stone,
                if seam {
                    0.85
                } else {
                    1.0 + 0.05 * noise(x as i64 / 4, y as i64 / 4, 5)
                },
            )
        },
    );
    cv.solid_rect(
        door_x - door_w * 0.8,
        base - h * 0.012,
        door_x + door_w * 0.8,
        base + h * 0.004,
        scale(stone, 0.92),
    );
    cv.solid_rect(
        door_x - door_w * 0.65,
        door_top - door_w * 0.15,
        door_x + door_w * 0.65,
        base - h * 0.012,
        trim,
    );
    cv.rect(
        door_x - door_w / 2.0,
        door_top,
        door_x + door_w / 2.0,
        base - h * 0.012,
        1.0,
        |x, _| scale(accent, 1.0 - 0.08 * ((x - door_x) / door_w).abs()),
    );
    for (py0, py1) in [(0.08, 0.42), (0.52, 0.92)] {
        let (a, b) = (door_top + door_h * py0, door_top + door_h * py1);
        cv.rect(
            door_x - door_w * 0.34,
            a,
            door_x + door_w * 0.34,
            b,
            0.5,
            |_, _| scale(accent, 0.8),
        );
        cv.rect(
            door_x - door_w * 0.3,
            a + 2.0,
            door_x + door_w * 0.3,
            b - 2.0,
            1.0,
            |_, _| scale(accent, 1.08),
        );
    }
    cv.solid_ellipse(
        door_x + door_w * 0.32,
        door_top + door_h * 0.52,
        door_w * 0.05,
        door_w * 0.05,
        rgb(0xD4AF37),
    );

    // Windows: a row per storey, skipping the door.
    let win_w = storey_h * 0.42;
    let win_h = storey_h * 0.5;
    let shutters = rng.chance(0.45);
    let shutter_c = scale(accent, 0.9);
    for storey in 0..storeys {
        let wy = base - (storey as f32 + 1.0) * storey_h + storey_h * 0.22;
        let count = ((house_w / (win_w * 2.1)) as usize).clamp(2, 5);
        for i in 0..count {
            let wx = x0 + house_w * (i as f32 + 0.5) / count as f32;
            if storey == 0 && (wx - door_x).abs() < door_w * 1.2 + win_w * 0.5 {
                continue;
            }
            window(
                cv,
                wx,
                wy,
                win_w,
                win_h,
                trim,
                sky_low,
                shutters.then_some(shutter_c),
            );
        }
    }

    // Shrubs along the front, and maybe a tree.
    let shrub = rgb(rng.pick(&[0x3F6B35, 0x4C7A3A, 0x355E33]));
    let mut x = x0 - house_w * 0.02;
    while x < x1 {
        let r = h * rng.range(0.028, 0.045);
        if (x - door_x).abs() > door_w * 1.1 + r {
            cv.ellipse(x, base - r * 0.35, r * 1.2, r, 1.0, 1.0, |_, y| {
                let t = ((y - (base - r * 1.35)) / (r * 2.0)).clamp(0.0, 1.0);
                scale(shrub, 1.2 - 0.45 * t)
            });
        }
        x += r * rng.range(1.4, 2.0);
    }
    if rng.chance(0.7) {
        let left = rng.chance(0.5);
        let tx = if left { x0 - w * 0.12 } else { x1 + w * 0.12 };
        let tb = base + h * 0.05;
        let th = h * rng.range(0.32, 0.42);
        cv.solid_rect(
            tx - h * 0.012,
            tb - th * 0.55,
            tx + h * 0.012,
            tb,
            rgb(0x5A4332),
        );
        let leaf = rgb(rng.pick(&[0x4E7D3A, 0x3F7040, 0x5B8A3C]));
        for i in 0..9 {
            let ox = rng.range(-1.0, 1.0) * th * 0.22;
            let oy = rng.range(-1.0, 0.6) * th * 0.22;
            let r = th * rng.range(0.14, 0.22);
            let k = 0.8 + 0.05 * i as f32;
            let cyl = tb - th * 0.7 + oy;
            cv.ellipse(tx + ox, cyl, r, r * 0.9, 1.0, 1.0, |_, y| {
                scale(
                    leaf,
                    k * (1.15 - 0.3 * ((y - (cyl - r)) / (2.0 * r)).clamp(0.0, 1.0)),
                )
            });
        }
    }
}

/// A window with trim, sky-reflecting glass, muntins and optional shutters.
#[allow(clippy::too_many_arguments)]
fn window(
    cv: &mut Canvas,
    cx: f32,
    top: f32,
    w: f32,
    h: f32,
    trim: Rgb,
    sky: Rgb,
    shutters: Option<Rgb>,
) {
    let t = w * 0.09;
    if let Some(c) = shutters {
        cv.solid_rect(
            cx - w / 2.0 - w * 0.38,
            top,
            cx - w / 2.0 - t * 0.3,
            top + h,
            c,
        );
        cv.solid_rect(
            cx + w / 2.0 + t * 0.3,
            top,
            cx + w / 2.0 + w * 0.38,
            top + h,
            c,
        );
    }
    cv.solid_rect(
        cx - w / 2.0 - t,
        top - t,
        cx + w / 2.0 + t,
        top + h + t * 1.4,
        trim,
    );
    let glass_top = rgb(0x2E3F52);
    cv.rect(cx - w / 2.0, top, cx + w / 2.0, top + h, 1.0, |x, y| {
        let v = (y - top) / h;
        let base = mix(mix(glass_top, sky, 0.35), glass_top, v);
        // a diagonal reflection streak
        let d = ((x - cx) + (y - top) * 0.8 - w * 0.1).abs() / w;
        mix(base, rgb(0xDDE7EF), (0.35 - d * 2.0).max(0.0))
    });
    let m = (t * 0.5).max(1.0);
    cv.solid_rect(cx - m / 2.0, top, cx + m / 2.0, top + h, trim);
    cv.solid_rect(
        cx - w / 2.0,
        top + h / 2.0 - m / 2.0,
        cx + w / 2.0,
        top + h / 2.0 + m / 2.0,
        trim,
    );
}

/// Wall, window with a view, baseboard and wood (or pale oak) floor: returns (floor line, window centre x).
fn room_shell(cv: &mut Canvas, rng: &mut Rng) -> (f32, f32) {
    let (w, h) = (cv.wf(), cv.hf());
    let floor_y = h * rng.range(0.66, 0.71);
    let wall = rgb(rng.pick(&[0xEDE8DF, 0xE3DED4, 0xDCE3DA, 0xD9E1E8, 0xEFE6DA]));
    let win_left = rng.chance(0.5);
    let win_cx = if win_left { w * 0.2 } else { w * 0.8 };
    cv.rows(0.0, floor_y, |y, row| {
        let vy = 1.0 - 0.05 * (y / floor_y);
        for (i, p) in row.iter_mut().enumerate() {
            *p = scale(wall, vy - 0.12 * ((i as f32 + 0.5 - win_cx).abs() / w));
        }
    });
    cv.solid_rect(0.0, h * 0.045, w, h * 0.055, scale(wall, 1.04));
    cv.solid_rect(0.0, h * 0.055, w, h * 0.06, scale(wall, 0.9));

    // Window: sky and a band of trees outside.
    let (ww, wtop, wbot) = (w * 0.22, h * 0.13, floor_y - h * 0.17);
    let frame = rgb(0xF7F7F4);
    let tree_line = wtop + (wbot - wtop) * 0.68;
    cv.solid_rect(
        win_cx - ww / 2.0 - h * 0.02,
        wtop - h * 0.02,
        win_cx + ww / 2.0 + h * 0.02,
        wbot + h * 0.03,
        frame,
    );
    cv.rect(
        win_cx - ww / 2.0,
        wtop,
        win_cx + ww / 2.0,
        wbot,
        1.0,
        |x, y| {
            let t = (y - wtop) / (wbot - wtop);
            let crest = tree_line - (wbot - wtop) * 0.08 * ((x * 0.05).sin() * 0.5 + 0.5);
            if y > crest {
                mix(
                    rgb(0x7FA36A),
                    rgb(0x5F8552),
                    ((y - crest) / (wbot - crest)).clamp(0.0, 1.0),
                )
            } else {
                mix(rgb(0x8DBDE8), rgb(0xE4F0F8), t)
            }
        },
    );
    let m = h * 0.008;
    cv.solid_rect(win_cx - m, wtop, win_cx + m, wbot, frame);
    cv.solid_rect(
        win_cx - ww / 2.0,
        (wtop + wbot) / 2.0 - m,
        win_cx + ww / 2.0,
        (wtop + wbot) / 2.0 + m,
        frame,
    );
    // Curtains.
    let curtain = rgb(rng.pick(&[0xF2EEE6, 0xD8CBB8, 0xB8C4C9, 0xE6D9C9]));
    for side in [-1.0f32, 1.0] {
        let cx0 = win_cx + side * (ww / 2.0 + h * 0.03);
        let (a, b) = if side < 0.0 {
            (cx0 - ww * 0.2, cx0 + ww * 0.06)
        } else {
            (cx0 - ww * 0.06, cx0 + ww * 0.2)
        };
        cv.rect(a, h * 0.07, b, floor_y - h * 0.01, 1.0, |x, _| {
            scale(curtain, 0.92 + 0.08 * (x * 0.25).sin())
        });
    }
    cv.solid_rect(
        win_cx - ww * 0.9,
        h * 0.065,
        win_cx + ww * 0.9,
        h * 0.075,
        rgb(0x3A3A3A),
    );

    // Floor: planks getting wider towards the camera.
    let wood = rgb(rng.pick(&[0xB08556, 0xC9A27A, 0x8A5F3C, 0xD8C2A0]));
    let fh = h - floor_y;
    // grain = sin(0.04 x + 3.1 row): per-x tables, combined per row
    let (sin_x, cos_x): (Vec<f32>, Vec<f32>) = (0..cv.w)
        .map(|i| ((i as f32 + 0.5) * 0.04).sin_cos())
        .unzip();
    let seam = scale(wood, 0.78);
    cv.rows(floor_y, h, |y, row| {
        let t = ((y - floor_y) / fh).clamp(0.0, 1.0);
        let rowf = t.powf(0.65) * 16.0;
        if rowf.fract() < 0.06 {
            row.fill(seam);
            return;
        }
        let r = rowf as i64;
        let plank_len = w * 0.22 * (0.5 + t);
        let off = noise(r, 0, 21).abs() * plank_len - w / 2.0;
        let (sin_r, cos_r) = (r as f32 * 3.1).sin_cos();
        let sin_y = 0.03 * (y * 0.5).sin();
        let shade = 0.9 + 0.12 * t;
        for (i, p) in row.iter_mut().enumerate() {
            let plank = (i as f32 + 0.5 + off) / plank_len;
            let start = plank.floor();
            *p = if plank - start < 0.008 {
                seam
            } else {
                let tone = 1.0 + 0.09 * noise(r, start as i64, 23);
                let grain = (sin_x[i] * cos_r + cos_x[i] * sin_r) * sin_y;
                scale(wood, (tone + grain) * shade)
            };
        }
    });
    // Sunlight on the floor.
    let dir = if win_left { 1.0 } else { -1.0 };
    cv.poly(
        &[
            (win_cx - ww / 2.0, floor_y),
            (win_cx + ww / 2.0, floor_y),
            (win_cx + ww / 2.0 + dir * w * 0.12, h),
            (win_cx - ww / 2.0 + dir * w * 0.12, h),
        ],
        0.16,
        |_, _| rgb(0xFFF4DC),
    );
    cv.solid_rect(0.0, floor_y - h * 0.022, w, floor_y, rgb(0xF4F2EC));
    (floor_y, win_cx)
}

fn living_room(cv: &mut Canvas, rng: &mut Rng) {
    let (w, h) = (cv.wf(), cv.hf());
    let (floor_y, win_cx) = room_shell(cv, rng);
    let sofa_cx = if win_cx < w / 2.0 { w * 0.6 } else { w * 0.4 };
    let sofa_w = w * 0.4;
    let fabric = rgb(rng.pick(&[0x8C8F94, 0x2F4460, 0x6E7450, 0xB08A64, 0xD9D3C7, 0x7A4E48]));
    let accent = rgb(rng.pick(&[0xD9A441, 0x3E7C7A, 0xC4694F, 0xF0EBE0, 0x52608A]));

    // Rug.
    let rug = rgb(rng.pick(&[0xE8E0D2, 0xA7B3B8, 0xC7A98E, 0x8E9C86]));
    let ry = floor_y + (h - floor_y) * 0.25;
    cv.poly(
        &[
            (sofa_cx - sofa_w * 0.55, ry),
            (sofa_cx + sofa_w * 0.55, ry),
            (sofa_cx + sofa_w * 0.78, h * 0.98),
            (sofa_cx - sofa_w * 0.78, h * 0.98),
        ],
        1.0,
        |x, y| scale(rug, 1.0 + 0.03 * noise(x as i64 / 2, y as i64 / 2, 31)),
    );

    // Art above the sofa.
    let (aw, ah) = (sofa_w * 0.5, h * 0.2);
    let atop = h * 0.16;
    cv.solid_rect(
        sofa_cx - aw / 2.0 - 4.0,
        atop - 4.0,
        sofa_cx + aw / 2.0 + 4.0,
        atop + ah + 4.0,
        rgb(0x2B2B2B),
    );
    cv.solid_rect(
        sofa_cx - aw / 2.0,
        atop,
        sofa_cx + aw / 2.0,
        atop + ah,
        rgb(0xF6F4EF),
    );
    let (ix0, iy0, ix1, iy1) = (
        sofa_cx - aw * 0.4,
        atop + ah * 0.12,
        sofa_cx + aw * 0.4,
        atop + ah * 0.88,
    );
    let art = [rgb(0x8DB3C7), rgb(0xE3B26B), rgb(0x496A5A), accent];
    cv.rect(ix0, iy0, ix1, iy1, 1.0, |x, y| {
        let u = (x - ix0) / (ix1 - ix0);
        let v = (y - iy0) / (iy1 - iy0);
        let ridge = 0.55 + 0.15 * (u * 7.0).sin() * (1.0 - u);
        if v > ridge {
            mix(art[2], art[3], (v - ridge) * 1.5)
        } else {
            mix(art[0], art[1], v)
        }
    });

    // Sofa: back, arms, seat cushions, legs, pillows.
    let seat_y = floor_y - h * 0.085;
    let back_top = seat_y - h * 0.13;
    let (sx0, sx1) = (sofa_cx - sofa_w / 2.0, sofa_cx + sofa_w / 2.0);
    cv.solid_rect(
        sx0 + sofa_w * 0.03,
        floor_y - h * 0.02,
        sx0 + sofa_w * 0.05,
        floor_y + h * 0.012,
        rgb(0x3A2C22),
    );
    cv.solid_rect(
        sx1 - sofa_w * 0.05,
        floor_y - h * 0.02,
        sx1 - sofa_w * 0.03,
        floor_y + h * 0.012,
        rgb(0x3A2C22),
    );
    cv.rect(
        sx0 + sofa_w * 0.04,
        back_top,
        sx1 - sofa_w * 0.04,
        seat_y,
        1.0,
        |_, y| scale(fabric, 0.88 + 0.1 * ((y - back_top) / (seat_y - back_top))),
    );
    cv.ellipse(
        sofa_cx,
        back_top,
        sofa_w * 0.46,
        h * 0.02,
        1.0,
        1.0,
        |_, _| scale(fabric, 0.9),
    );
    cv.solid_rect(sx0, seat_y, sx1, floor_y - h * 0.02, scale(fabric, 0.82));
    let cushions = 3;
    let cw = (sofa_w * 0.84) / cushions as f32;
    for i in 0..cushions {
        let a = sx0 + sofa_w * 0.08 + i as f32 * cw;
        cv.rect(
            a + 2.0,
            seat_y - h * 0.03,
            a + cw - 2.0,
            seat_y + h * 0.03,
            1.0,
            |_, y| {
                scale(
                    fabric,
                    1.05 - 0.15 * ((y - (seat_y - h * 0.03)) / (h * 0.06)),
                )
            },
        );
    }
    for side in [sx0, sx1 - sofa_w * 0.08] {
        cv.solid_rect(
            side,
            seat_y - h * 0.06,
            side + sofa_w * 0.08,
            floor_y - h * 0.02,
            scale(fabric, 0.95),
        );
        cv.solid_ellipse(
            side + sofa_w * 0.04,
            seat_y - h * 0.06,
            sofa_w * 0.04,
            h * 0.02,
            scale(fabric, 1.02),
        );
    }
    for (dx, c) in [(-0.3, accent), (0.3, accent), (-0.12, rgb(0xF2EEE6))] {
        let px = sofa_cx + sofa_w * dx;
        cv.ellipse(
            px,
            seat_y - h * 0.065,
            sofa_w * 0.07,
            h * 0.045,
            1.5,
            1.0,
            |_, y| {
                scale(
                    c,
                    1.05 - 0.2 * ((y - (seat_y - h * 0.11)) / (h * 0.09)).clamp(0.0, 1.0),
                )
            },
        );
    }

    // Coffee table.
    let tt = floor_y + (h - floor_y) * 0.4;
    let tw = sofa_w * 0.45;
    let table = rgb(rng.pick(&[0x6B4A33, 0x9C7A55, 0x2E2E2E]));
    cv.solid_rect(
        sofa_cx - tw / 2.0 + 6.0,
        tt,
        sofa_cx - tw / 2.0 + 6.0 + h * 0.012,
        tt + h * 0.09,
        scale(table, 0.8),
    );
    cv.solid_rect(
        sofa_cx + tw / 2.0 - 6.0 - h * 0.012,
        tt,
        sofa_cx + tw / 2.0 - 6.0,
        tt + h * 0.09,
        scale(table, 0.8),
    );
    cv.solid_rect(
        sofa_cx - tw / 2.0,
        tt - h * 0.018,
        sofa_cx + tw / 2.0,
        tt,
        table,
    );
    cv.solid_rect(
        sofa_cx - tw * 0.25,
        tt - h * 0.03,
        sofa_cx - tw * 0.02,
        tt - h * 0.018,
        accent,
    );
    cv.solid_ellipse(
        sofa_cx + tw * 0.2,
        tt - h * 0.045,
        h * 0.018,
        h * 0.03,
        rgb(0xEDEAE3),
    );

    // A plant in the corner away from the window.
    plant(
        cv,
        rng,
        if win_cx < w / 2.0 { w * 0.9 } else { w * 0.1 },
        floor_y + h * 0.04,
        h,
    );
}

fn plant(cv: &mut Canvas, rng: &mut Rng, x: f32, base: f32, h: f32) {
    let pot = rgb(rng.pick(&[0xC2704E, 0xE8E4DC, 0x3C3C3C]));
    let ph = h * 0.09;
    cv.poly(
        &[
            (x - ph * 0.45, base - ph),
            (x + ph * 0.45, base - ph),
            (x + ph * 0.32, base),
            (x - ph * 0.32, base),
        ],
        1.0,
        |_, _| pot,
    );
    for i in 0..12 {
        let ang = -std::f32::consts::PI * (0.1 + 0.8 * (i as f32 + rng.range(0.0, 0.8)) / 12.0);
        let len = h * rng.range(0.12, 0.22);
        let (ex, ey) = (x + ang.cos() * len * 0.8, base - ph + ang.sin() * len);
        let green = mix(rgb(0x2F6B3A), rgb(0x6FA05A), rng.range(0.0, 1.0));
        cv.ellipse(
            (x + ex) / 2.0,
            (base - ph + ey) / 2.0,
            h * 0.025,
            len * 0.45,
            1.0,
            1.0,
            |_, _| green,
        );
    }
}

fn bedroom(cv: &mut Canvas, rng: &mut Rng) {
    let (w, h) = (cv.wf(), cv.hf());
    let (floor_y, win_cx) = room_shell(cv, rng);
    let bed_cx = if win_cx < w / 2.0 { w * 0.6 } else { w * 0.4 };
    let bed_w = w * 0.36;
    let head = rgb(rng.pick(&[0x8A8F96, 0x3D4B5C, 0xC8B8A2, 0x6B5A4E]));
    let linen = rgb(rng.pick(&[0xF7F6F2, 0xEDE7DC, 0xDDE4EA]));
    let throw = rgb(rng.pick(&[0xC4694F, 0x3E7C7A, 0xD9A441, 0x52608A, 0x7A8C6A]));

    // Headboard.
    let htop = floor_y - h * 0.34;
    cv.rect(
        bed_cx - bed_w / 2.0,
        htop,
        bed_cx + bed_w / 2.0,
        floor_y - h * 0.05,
        1.0,
        |x, _| {
            let tuft = ((x - bed_cx) / (bed_w / 8.0)).rem_euclid(1.0) < 0.04;
            scale(head, if tuft { 0.85 } else { 1.0 })
        },
    );
    cv.ellipse(bed_cx, htop, bed_w / 2.0, h * 0.03, 1.0, 1.0, |_, _| head);

    // Nightstands with lamps.
    let lamp = rgb(0xF3EBDD);
    for side in [-1.0f32, 1.0] {
        let nx = bed_cx + side * (bed_w / 2.0 + w * 0.07);
        let ntop = floor_y - h * 0.13;
        cv.solid_rect(
            nx - w * 0.055,
            ntop,
            nx + w * 0.055,
            floor_y + h * 0.01,
            rgb(0x7A5A3E),
        );
        cv.solid_rect(
            nx - w * 0.05,
            ntop + h * 0.05,
            nx + w * 0.05,
            ntop + h * 0.052,
            rgb(0x5E4430),
        );
        cv.solid_rect(
            nx - h * 0.006,
            ntop - h * 0.08,
            nx + h * 0.006,
            ntop,
            rgb(0xB8A27A),
        );
        cv.poly(
            &[
                (nx - h * 0.03, ntop - h * 0.15),
                (nx + h * 0.03, ntop - h * 0.15),
                (nx + h * 0.05, ntop - h * 0.075),
                (nx - h * 0.05, ntop - h * 0.075),
            ],
            1.0,
            |_, y| scale(lamp, 1.0 - 0.1 * ((y - (ntop - h * 0.15)) / (h * 0.075))),
        );
        cv.ellipse(
            nx,
            ntop - h * 0.11,
            h * 0.09,
            h * 0.07,
            h * 0.06,
            0.12,
            |_, _| rgb(0xFFF1C9),
        );
    }

    // Mattress and duvet, pillows, throw at the foot.
    let top = floor_y - h * 0.16;
    let bottom = floor_y + (h - floor_y) * 0.55;
    let spread = bed_w * 0.1;
    cv.poly(
        &[
            (bed_cx - bed_w / 2.0, top),
            (bed_cx + bed_w / 2.0, top),
            (bed_cx + bed_w / 2.0 + spread, bottom),
            (bed_cx - bed_w / 2.0 - spread, bottom),
        ],
        1.0,
        |x, y| {
            let fold = 0.03 * ((x - bed_cx) * 0.05 + y * 0.02).sin();
            scale(linen, 0.95 + fold - 0.08 * ((y - top) / (bottom - top)))
        },
    );
    cv.solid_rect(
        bed_cx - bed_w / 2.0 - spread,
        bottom,
        bed_cx + bed_w / 2.0 + spread,
        bottom + h * 0.05,
        scale(linen, 0.82),
    );
    for dx in [-0.22f32, 0.22] {
        cv.ellipse(
            bed_cx + bed_w * dx,
            top - h * 0.005,
            bed_w * 0.2,
            h * 0.04,
            1.5,
            1.0,
            |_, y| {
                scale(
                    rgb(0xFBFAF7),
                    1.0 - 0.12 * ((y - (top - h * 0.045)) / (h * 0.09)).clamp(0.0, 1.0),
                )
            },
        );
    }
    let ty = top + (bottom - top) * 0.62;
    let tspread = spread * 0.62;
    cv.poly(
        &[
            (bed_cx - bed_w / 2.0 - tspread, ty),
            (bed_cx + bed_w / 2.0 + tspread, ty),
            (bed_cx + bed_w / 2.0 + spread, bottom + h * 0.05),
            (bed_cx - bed_w / 2.0 - spread, bottom + h * 0.05),
        ],
        1.0,
        |x, y| {
            scale(
                throw,
                1.0 + 0.05 * ((x * 0.3).sin()) - 0.1 * ((y - ty) / (bottom - ty)),
            )
        },
    );

    // Small art pair above the bed.
    for dx in [-0.16f32, 0.16] {
        let ax = bed_cx + bed_w * dx;
        let (aw, ah) = (bed_w * 0.22, h * 0.14);
        let at = htop - h * 0.2;
        cv.solid_rect(
            ax - aw / 2.0 - 3.0,
            at - 3.0,
            ax + aw / 2.0 + 3.0,
            at + ah + 3.0,
            rgb(0xB08A5A),
        );
        cv.rect(ax - aw / 2.0, at, ax + aw / 2.0, at + ah, 1.0, |x, y| {
            mix(
                mix(rgb(0xEAE4D8), throw, 0.35),
                rgb(0x9DB0A8),
                ((((x - ax) * 0.02).sin() + (y - at) / ah) * 0.5).clamp(0.0, 1.0),
            )
        });
    }
}
