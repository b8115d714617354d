//! The listing form's fields, shared by "New listing", "Duplicate" and "Edit". The
//! browser runs the same `ListingInput::parse` as the server before sending, so
//! most mistakes show at once; the server's answer shows in the same places.

use leptos::prelude::*;
use shared::listing::{ListingForm, ListingInput, PropertyType};
use shared::FieldErrors;

use crate::components::field::{Field, SelectField, TextAreaField};
use crate::error::AppError;

/// The current year where the code runs (the browser's clock in the browser).
pub fn this_year() -> i32 {
    use chrono::Datelike;
    chrono::Utc::now().year()
}

/// Errors shown by the fields: the browser's own check while it has one, else the server's.
#[derive(Clone, Copy)]
pub struct FormErrors {
    pub client: RwSignal<Option<FieldErrors>>,
    pub server: Signal<Option<AppError>>,
}

impl FormErrors {
    pub fn field(self, name: &'static str) -> Signal<Option<String>> {
        Signal::derive(move || match self.client.get() {
            Some(errors) => errors.get(name).map(str::to_owned),
            None => self.server.get().and_then(|e| e.field_message(name)),
        })
    }

    /// "Please correct the 2 highlighted fields." above the form.
    pub fn summary(self) -> Signal<Option<String>> {
        Signal::derive(move || {
            let count = match (self.client.get(), self.server.get()) {
                (Some(c), _) => ListingForm::FIELDS
                    .iter()
                    .filter(|f| c.get(f).is_some())
                    .count(),
                (None, Some(AppError::Invalid(s))) => ListingForm::FIELDS
                    .iter()
                    .filter(|f| s.get(f).is_some())
                    .count()
                    .max(1),
                _ => 0,
            };
            match count {
                0 => None,
                1 => Some("Please correct the highlighted field.".to_string()),
                n => Some(format!("Please correct the {n} highlighted fields.")),
            }
        })
    }

    /// Runs the shared parse on the submitted form; on errors stops the submit,
    /// shows them and moves focus to the first field to fix.
    pub fn check_before_submit(self, ev: &leptos::ev::SubmitEvent) {
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::JsCast;
            let Some(form) = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok())
            else {
                return;
            };
            let Ok(data) = web_sys::FormData::new_with_form(&form) else {
                return;
            };
            let values = ListingForm::from_named(|n| data.get(n).as_string());
            match ListingInput::parse(&values, this_year()) {
                Ok(_) => self.client.set(None),
                Err(errors) => {
                    ev.prevent_default();
                    let first = ListingForm::FIELDS
                        .iter()
                        .find(|f| errors.get(f).is_some())
                        .copied();
                    self.client.set(Some(errors));
                    if let Some(el) = first
                        .and_then(|f| document().get_element_by_id(&format!("lf-{f}")))
                        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
                    {
                        let _ = el.focus();
                    }
                }
            }
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (ev, ListingInput::parse);
    }
}

/// Every field of the listing, grouped; `street_hint` replaces the address hint
/// (the duplicate form asks for a new address).
#[component]
pub fn ListingFields(
    initial: ListingForm,
    errors: FormErrors,
    #[prop(optional)] street_hint: &'static str,
) -> impl IntoView {
    let e = move |n: &'static str| errors.field(n);
    let types: Vec<(String, String)> =
        std::iter::once((String::new(), "Choose a type".to_string()))
            .chain(
                PropertyType::ALL
                    .iter()
                    .map(|t| (t.as_str().to_string(), t.label().to_string())),
            )
            .collect();
    let street_hint = if street_hint.is_empty() {
        "Each of your active listings needs its own address."
    } else {
        street_hint
    };
    let f = initial;
    view! {
        <fieldset class="form-section">
            <legend>"Basics"</legend>
            <Field id="lf-title" name="title" label="Title" value=f.title required=true maxlength=120
                hint="What people see first, e.g. “Sunny 3-bed colonial near the park”." error=e("title")/>
            <div class="grid-2">
                <SelectField id="lf-property_type" name="property_type" label="Property type" options=types
                    selected=f.property_type required=true error=e("property_type")/>
                <Field id="lf-price" name="price" label="List price (USD)" value=f.price required=true
                    inputmode="decimal" placeholder="500,000" autocomplete="off"
                    hint="$1,000 to $100,000,000; cents are fine." error=e("price")/>
            </div>
        </fieldset>
        <fieldset class="form-section">
            <legend>"Rooms and size"</legend>
            <div class="grid-3">
                <Field id="lf-bedrooms" name="bedrooms" label="Bedrooms" input_type="number" value=f.bedrooms
                    min="0" max="20" step="1" inputmode="numeric" hint="0 to 20." error=e("bedrooms")/>
                <Field id="lf-bathrooms" name="bathrooms" label="Bathrooms" value=f.bathrooms inputmode="decimal"
                    placeholder="2.5" hint="0 to 20 in halves: 2.5 is two full baths and a half bath." error=e("bathrooms")/>
                <Field id="lf-living_area" name="living_area" label="Living area (sq ft)" input_type="number"
                    value=f.living_area min="100" max="50000" step="1" inputmode="numeric" hint="100 to 50,000. Leave empty for land." error=e("living_area")/>
                <Field id="lf-lot_size" name="lot_size" label="Lot size (sq ft)" input_type="number" value=f.lot_size
                    min="1" step="1" inputmode="numeric" hint="Optional." error=e("lot_size")/>
                <Field id="lf-year_built" name="year_built" label="Year built" input_type="number" value=f.year_built
                    min="1800" step="1" inputmode="numeric" placeholder="1998" hint="Optional. Four digits." error=e("year_built")/>
                <Field id="lf-garage_spaces" name="garage_spaces" label="Garage spaces" input_type="number"
                    value=f.garage_spaces min="0" max="20" step="1" inputmode="numeric" hint="Optional. 0 to 20." error=e("garage_spaces")/>
            </div>
        </fieldset>
        <fieldset class="form-section">
            <legend>"Address"</legend>
            <Field id="lf-street" name="street" label="Street address" value=f.street required=true maxlength=120
                autocomplete="address-line1" hint=street_hint error=e("street")/>
            <div class="grid-3">
                <Field id="lf-city" name="city" label="City" value=f.city required=true maxlength=80 autocomplete="address-level2" error=e("city")/>
                <Field id="lf-state" name="state" label="State" value=f.state required=true maxlength=2
                    autocomplete="address-level1" placeholder="MA" hint="Two letters." error=e("state")/>
                <Field id="lf-postal_code" name="postal_code" label="ZIP code" value=f.postal_code required=true
                    inputmode="numeric" autocomplete="postal-code" placeholder="02110" error=e("postal_code")/>
            </div>
        </fieldset>
        <fieldset class="form-section">
            <legend>"Description and features"</legend>
            <TextAreaField id="lf-description" name="description" label="Description" value=f.description rows=6 maxlength=5000
                hint="Optional. After saving, the AI can write one for every channel from the facts above." error=e("description")/>
            <TextAreaField id="lf-features" name="features" label="Features" value=f.features rows=3
                placeholder="hardwood floors, two-car garage, renovated kitchen"
                hint="Separate features with commas. AI copy only mentions features listed here." error=e("features")/>
        </fieldset>
    }
}
