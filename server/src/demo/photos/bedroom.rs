//! A bedroom: headboard, nightstands with lamps, the made bed, and art above it.

use super::canvas::{mix, rgb, scale, Canvas, Rng};
use super::room::room_shell;

pub(super) fn bedroom(cv: &mut Canvas, rng: &mut Rng) {
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
