//! The house front: sky and clouds, lawn, a house whose storeys, roof, colours,
//! windows and door vary with the seed, shrubs and a tree.

use super::canvas::{mix, noise, rgb, scale, Canvas, Rgb, Rng};

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

pub(super) fn exterior(cv: &mut Canvas, rng: &mut Rng) {
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
