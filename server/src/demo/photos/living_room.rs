//! A living room: rug, art above the sofa, the sofa, a coffee table and a plant.

use super::canvas::{mix, noise, rgb, scale, Canvas, Rng};
use super::room::room_shell;

pub(super) fn living_room(cv: &mut Canvas, rng: &mut Rng) {
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
