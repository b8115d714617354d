//! What the drawings are made with: a float RGB canvas with anti-aliased shapes,
//! colours, hash noise and the seeded generator.

pub(super) type Rgb = [f32; 3];

/// splitmix64: tiny, and stable across versions (unlike a library RNG's streams).
pub(super) struct Rng(u64);

impl Rng {
    pub(super) fn new(seed: u64) -> Self {
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
    pub(super) fn range(&mut self, lo: f32, hi: f32) -> f32 {
        lo + (hi - lo) * ((self.next() >> 40) as f32 / (1u64 << 24) as f32)
    }
    pub(super) fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[(self.next() % items.len() as u64) as usize]
    }
    pub(super) fn chance(&mut self, p: f32) -> bool {
        self.range(0.0, 1.0) < p
    }
}

/// Hash noise in [-1, 1] for integer coordinates.
pub(super) fn noise(x: i64, y: i64, salt: u64) -> f32 {
    let mut z = (x as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)
        ^ (y as u64).wrapping_mul(0xC2B2_AE3D_27D4_EB4F)
        ^ salt;
    z = (z ^ (z >> 29)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z ^= z >> 32;
    (z & 0xFFFF) as f32 / 32767.5 - 1.0
}

pub(super) fn rgb(hex: u32) -> Rgb {
    [
        ((hex >> 16) & 0xFF) as f32,
        ((hex >> 8) & 0xFF) as f32,
        (hex & 0xFF) as f32,
    ]
}

pub(super) fn mix(a: Rgb, b: Rgb, t: f32) -> Rgb {
    [
        a[0] + (b[0] - a[0]) * t,
        a[1] + (b[1] - a[1]) * t,
        a[2] + (b[2] - a[2]) * t,
    ]
}

pub(super) fn scale(c: Rgb, k: f32) -> Rgb {
    [c[0] * k, c[1] * k, c[2] * k]
}

pub(super) fn smooth(t: f32) -> f32 {
    let t = t.clamp(0.0, 1.0);
    t * t * (3.0 - 2.0 * t)
}

/// A float RGB canvas with anti-aliased shapes painted over their bounding boxes.
/// Paint closures get the pixel centre and return its colour.
pub(super) struct Canvas {
    pub(super) w: usize,
    pub(super) h: usize,
    px: Vec<Rgb>,
}

impl Canvas {
    pub(super) fn new(w: usize, h: usize) -> Self {
        Canvas {
            w,
            h,
            px: vec![[0.0; 3]; w * h],
        }
    }

    pub(super) fn wf(&self) -> f32 {
        self.w as f32
    }

    pub(super) fn hf(&self) -> f32 {
        self.h as f32
    }

    pub(super) fn blend(&mut self, x: usize, y: usize, c: Rgb, a: f32) {
        if a <= 0.0 {
            return;
        }
        let p = &mut self.px[y * self.w + x];
        *p = if a >= 1.0 { c } else { mix(*p, c, a) };
    }

    pub(super) fn span(&self, lo: f32, hi: f32, len: usize) -> std::ops::Range<usize> {
        let lo = lo.floor().max(0.0) as usize;
        let hi = (hi.ceil().max(0.0) as usize).min(len);
        lo.min(hi)..hi
    }

    /// Whole rows from `y0` down to `y1` (rounded), each painted by `paint(y, row)`:
    /// per-row work stays out of the per-pixel loop. Pixel `i` of a row is at x = i + 0.5.
    pub(super) fn rows(&mut self, y0: f32, y1: f32, mut paint: impl FnMut(f32, &mut [Rgb])) {
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

    pub(super) fn rect(
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

    pub(super) fn solid_rect(&mut self, x0: f32, y0: f32, x1: f32, y1: f32, c: Rgb) {
        self.rect(x0, y0, x1, y1, 1.0, |_, _| c);
    }

    /// A convex polygon (either winding).
    pub(super) fn poly(&mut self, pts: &[(f32, f32)], alpha: f32, paint: impl Fn(f32, f32) -> Rgb) {
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
    pub(super) fn ellipse(
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

    pub(super) fn solid_ellipse(&mut self, cx: f32, cy: f32, rx: f32, ry: f32, c: Rgb) {
        self.ellipse(cx, cy, rx, ry, 1.0, 1.0, |_, _| c);
    }

    /// To 8-bit RGB with a soft vignette and a little grain (which also hides banding).
    pub(super) fn finish(&self, seed: u64) -> Vec<u8> {
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
