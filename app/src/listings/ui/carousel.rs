//! The photo carousel on the listing page. Without JavaScript it is a strip of
//! images that scrolls sideways (scroll-snap), with thumbnails linking to each;
//! once the app is running it shows one photo at a time with previous/next buttons,
//! a "3 / 12" counter, ←/→ keys when focused and swipe on touch screens.

use leptos::prelude::*;
use shared::listing_dto::PhotoView;

use crate::components::icons::Icon;

/// How far a finger must travel sideways to count as a swipe (px).
const SWIPE_PX: f64 = 40.0;

#[component]
pub fn PhotoCarousel(photos: Vec<PhotoView>, #[prop(into)] title: String) -> impl IntoView {
    let count = photos.len();
    if count == 0 {
        return view! {
            <div class="carousel carousel-empty">
                <Icon name="image"/>
                <p>"No photos yet"</p>
            </div>
        }
        .into_any();
    }
    let index = RwSignal::new(0usize);
    // false on the server and during hydration, so both render the plain strip
    let enhanced = RwSignal::new(false);
    Effect::new(move |_| enhanced.set(true));
    let touch_x = StoredValue::new(None::<f64>);

    let go = move |delta: isize| {
        index.update(|i| *i = (*i as isize + delta).rem_euclid(count as isize) as usize);
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| match ev.key().as_str() {
        "ArrowLeft" => {
            ev.prevent_default();
            go(-1);
        }
        "ArrowRight" => {
            ev.prevent_default();
            go(1);
        }
        "Home" => index.set(0),
        "End" => index.set(count - 1),
        _ => {}
    };
    let on_touch_start = move |ev: leptos::ev::TouchEvent| {
        touch_x.set_value(ev.touches().get(0).map(|t| t.client_x() as f64));
    };
    let on_touch_end = move |ev: leptos::ev::TouchEvent| {
        let start = touch_x.get_value();
        touch_x.set_value(None);
        let (Some(start), Some(end)) = (start, ev.changed_touches().get(0)) else {
            return;
        };
        let dx = end.client_x() as f64 - start;
        if dx <= -SWIPE_PX {
            go(1);
        } else if dx >= SWIPE_PX {
            go(-1);
        }
    };

    let label = format!("Photos of {title}");
    let slides = photos
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let alt = format!("{title}, photo {} of {count}", i + 1);
            view! {
                <li class="carousel-slide" id=format!("photo-{}", i + 1)
                    class:is-current=move || index.get() == i
                    aria-hidden=move || (enhanced.get() && index.get() != i).then_some("true")>
                    <img src=p.url.clone() alt=alt width=p.width height=p.height
                        loading=if i == 0 { "eager" } else { "lazy" } decoding="async"/>
                </li>
            }
        })
        .collect_view();
    let thumbs = (count > 1).then(|| {
        photos
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let on_click = move |ev: leptos::ev::MouseEvent| {
                    ev.prevent_default();
                    index.set(i);
                };
                view! {
                    <li>
                        <a href=format!("#photo-{}", i + 1) class="carousel-thumb"
                            aria-label=format!("Show photo {} of {count}", i + 1)
                            aria-current=move || (index.get() == i).then_some("true")
                            on:click=on_click>
                            <img src=p.thumb_url.clone() alt="" loading="lazy" decoding="async"/>
                        </a>
                    </li>
                }
            })
            .collect_view()
    });

    view! {
        <div class="carousel" class:is-enhanced=move || enhanced.get()>
            <div class="carousel-stage" role="region" aria-roledescription="carousel" aria-label=label
                tabindex="0" on:keydown=on_key on:touchstart=on_touch_start on:touchend=on_touch_end>
                <ul class="carousel-track">{slides}</ul>
                {(count > 1).then(|| view! {
                    <button type="button" class="carousel-nav carousel-prev" aria-label="Previous photo"
                        hidden=move || !enhanced.get() on:click=move |_| go(-1)>
                        <Icon name="chevron-left"/>
                    </button>
                    <button type="button" class="carousel-nav carousel-next" aria-label="Next photo"
                        hidden=move || !enhanced.get() on:click=move |_| go(1)>
                        <Icon name="chevron-right"/>
                    </button>
                    <p class="carousel-counter" aria-live="polite" hidden=move || !enhanced.get()>
                        <span class="visually-hidden">"Photo "</span>
                        {move || format!("{} / {count}", index.get() + 1)}
                    </p>
                })}
            </div>
            {thumbs.map(|t| view! { <ul class="carousel-thumbs" aria-label="All photos">{t}</ul> })}
        </div>
    }
    .into_any()
}
