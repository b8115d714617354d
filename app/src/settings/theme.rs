//! The theme cookie (ssr only): "light", "dark", or anything else for "system".

use crate::platform::respond::set_cookie;

/// Sets the `theme` cookie for a year; an unknown value means "follow the device".
pub fn remember(theme: &str) {
    let value = match theme {
        "light" | "dark" => theme,
        _ => "system",
    };
    set_cookie(format!(
        "theme={value}; Path=/; Max-Age=31536000; SameSite=Lax"
    ));
}
