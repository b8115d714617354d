//! The room both interiors are drawn in: wall, window with a view, curtains, floor.

use super::canvas::{mix, noise, rgb, scale, Canvas, Rng};

/// Wall, window with a view, baseboard and wood (or pale oak) floor: returns (floor line, window centre x).
pub(super) fn room_shell(cv: &mut Canvas, rng: &mut Rng) -> (f32, f32) {
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
