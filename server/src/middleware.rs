//! Request middleware: client address, session loading, same-origin guard, security
//! and cache headers, request metrics.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Instant;

use app::platform::ctx::ClientIp;
use app::platform::ServerCtx;
use axum::body::Body;
use axum::extract::{ConnectInfo, MatchedPath, Request};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::header::{HeaderValue, CACHE_CONTROL, COOKIE, ORIGIN, SET_COOKIE};
use http::{Method, StatusCode};

#[derive(Clone)]
pub struct MwState {
    pub ctx: Arc<ServerCtx>,
    /// Proxies in front of the app that append to `X-Forwarded-For` (0: none).
    pub trusted_proxies: usize,
    pub hsts: bool,
}

/// The client's address. Behind `trusted_proxies` proxies, each appending the address it
/// saw to `X-Forwarded-For`, the client is the Nth entry from the right; everything to its
/// left came from the client and is ignored. Without proxies, or when the header is
/// missing, short or not an address, the peer address.
pub fn client_ip(
    forwarded_for: Option<&str>,
    trusted_proxies: usize,
    peer: Option<IpAddr>,
) -> Option<IpAddr> {
    if trusted_proxies == 0 {
        return peer;
    }
    let entries: Vec<&str> = forwarded_for
        .map(|v| v.split(',').map(str::trim).collect())
        .unwrap_or_default();
    entries
        .len()
        .checked_sub(trusted_proxies)
        .and_then(|i| entries[i].parse().ok())
        .or(peer)
}

fn is_static(path: &str) -> bool {
    path.starts_with("/pkg/")
        || path.starts_with("/icons/")
        || matches!(
            path,
            "/sw.js"
                | "/sw-register.js"
                | "/manifest.webmanifest"
                | "/favicon.ico"
                | "/robots.txt"
                | "/offline.html"
                | "/health"
                | "/metrics"
        )
}

/// Pages anyone may open; every other page of the app needs a signed-in user.
const PUBLIC_PAGES: &[&str] = &[
    "/login",
    "/register",
    "/register/confirm",
    "/forgot-password",
    "/reset-password",
    "/verify-email",
    "/invite",
];

fn needs_sign_in(req: &Request) -> bool {
    let path = req.uri().path();
    matches!(*req.method(), Method::GET | Method::HEAD)
        && !path.starts_with("/api/")
        && !path.starts_with("/photos/")
        && !is_static(path)
        && !PUBLIC_PAGES.contains(&path)
}

/// Records the client address and, when a session cookie is present, the
/// signed-in user (re-read from the database on every request).
pub async fn session(
    axum::extract::State(st): axum::extract::State<MwState>,
    mut req: Request,
    next: Next,
) -> Response {
    let forwarded: Option<String> = req
        .headers()
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .map(str::to_owned)
        .reduce(|a, b| format!("{a},{b}"));
    let peer = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip());
    if let Some(ip) = client_ip(forwarded.as_deref(), st.trusted_proxies, peer) {
        req.extensions_mut().insert(ClientIp(ip.to_string()));
    }
    if is_static(req.uri().path()) {
        return next.run(req).await;
    }
    let name = st.ctx.session_cookie_name();
    let token = req
        .headers()
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|p| p.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_owned());
    let mut clear = false;
    let mut signed_in = false;
    if let Some(token) = token.filter(|t| !t.is_empty()) {
        match app::auth::session::load(&st.ctx, &token).await {
            Ok(Ok(user)) => {
                req.extensions_mut().insert(user);
                signed_in = true;
            }
            Ok(Err(_)) => clear = true,
            Err(e) => {
                tracing::error!(error = ?e, "session lookup failed");
                return (
                    StatusCode::SERVICE_UNAVAILABLE,
                    "The service is unavailable. Try again in a moment.",
                )
                    .into_response();
            }
        }
    }
    // a signed-out request for a page of the app: a real redirect from the server (a
    // blank 200 was all a browser without JavaScript got), keeping where it was going
    let mut res = if !signed_in && needs_sign_in(&req) {
        let target = req.uri().path_and_query().map_or("/", |p| p.as_str());
        let next = app::platform::respond::urlencode(target);
        let location = if clear {
            format!("/login?reason=signed_out&next={next}")
        } else {
            format!("/login?next={next}")
        };
        (StatusCode::SEE_OTHER, [(http::header::LOCATION, location)]).into_response()
    } else {
        next.run(req).await
    };
    if clear && !res.headers().contains_key(SET_COOKIE) {
        if let Ok(v) = HeaderValue::from_str(&app::auth::session::cookie(&st.ctx, None)) {
            res.headers_mut().append(SET_COOKIE, v);
        }
    }
    res
}

/// Refuses state-changing requests from other sites (Leptos server functions do no
/// CSRF check themselves): `Sec-Fetch-Site` must be same-origin or none, and `Origin`,
/// when sent, must be exactly the configured public origin (scheme, host and port).
pub async fn same_origin(
    axum::extract::State(st): axum::extract::State<MwState>,
    req: Request,
    next: Next,
) -> Response {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return next.run(req).await;
    }
    let h = req.headers();
    let site_ok = match h.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        Some(site) => matches!(site, "same-origin" | "none"),
        None => true,
    };
    let origin_ok = match h.get(ORIGIN).map(|v| v.to_str()) {
        None => true,
        Some(Ok(origin)) => origin_allowed(origin, &st.ctx.public_url),
        Some(Err(_)) => false,
    };
    if site_ok && origin_ok {
        next.run(req).await
    } else {
        tracing::warn!(path = %req.uri().path(), "cross-site request refused");
        (StatusCode::FORBIDDEN, "Cross-site request refused.").into_response()
    }
}

/// `origin` is the public URL's origin, exactly. On a loopback address the other
/// loopback names of the same port count too (a laptop opens 127.0.0.1 or localhost).
pub fn origin_allowed(origin: &str, public_url: &str) -> bool {
    let public = origin_of(public_url);
    if origin == public {
        return true;
    }
    let loopback = |o: &str| -> Option<(String, String)> {
        let (scheme, rest) = o.split_once("://")?;
        let (host, port) = match rest.rsplit_once(':') {
            Some((h, p)) if !h.ends_with(']') || rest.starts_with('[') => (h, p),
            _ => (rest, ""),
        };
        matches!(host, "127.0.0.1" | "localhost" | "[::1]")
            .then(|| (scheme.to_owned(), port.to_owned()))
    };
    matches!((loopback(origin), loopback(&public)), (Some(a), Some(b)) if a == b)
}

/// "scheme://host[:port]" of a URL.
fn origin_of(url: &str) -> String {
    match url.split_once("://") {
        Some((scheme, rest)) => {
            let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
            format!("{scheme}://{authority}")
        }
        None => url.to_owned(),
    }
}

/// Security headers on every response; cache rules by kind of resource.
pub async fn headers(
    axum::extract::State(st): axum::extract::State<MwState>,
    req: Request,
    next: Next,
) -> Response {
    let path = req.uri().path().to_owned();
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    h.insert(
        "x-content-type-options",
        HeaderValue::from_static("nosniff"),
    );
    h.insert("x-frame-options", HeaderValue::from_static("DENY"));
    h.insert(
        "referrer-policy",
        HeaderValue::from_static("strict-origin-when-cross-origin"),
    );
    h.insert(
        "permissions-policy",
        HeaderValue::from_static("camera=(), microphone=(), geolocation=()"),
    );
    if st.hsts {
        h.insert(
            "strict-transport-security",
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
    let cache = if path.starts_with("/pkg/") {
        // file names carry a content hash (hash-files = true)
        Some("public, max-age=31536000, immutable")
    } else if path == "/sw.js"
        || path == "/sw-register.js"
        || path == "/manifest.webmanifest"
        || path == "/offline.html"
    {
        Some("no-cache")
    } else if path.starts_with("/icons/") || path == "/favicon.ico" {
        Some("public, max-age=86400")
    } else if path.starts_with("/api/") {
        Some("no-store")
    } else {
        None
    };
    if let Some(c) = cache {
        h.insert(CACHE_CONTROL, HeaderValue::from_static(c));
    }
    let is_html = h
        .get(http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if is_html && !h.contains_key(CACHE_CONTROL) {
        h.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    res
}

/// Request count and latency by route (the matched pattern, never raw ids; every server
/// function is a route of its own). Paths that match nothing are "unmatched" and unusual
/// methods "other", so junk requests can't grow the number of series.
pub async fn metrics(req: Request<Body>, next: Next) -> Response {
    let p = req.uri().path();
    let route = match req.extensions().get::<MatchedPath>() {
        Some(m) => m.as_str().to_owned(),
        None if is_static(p) => "static".into(),
        None => "unmatched".into(),
    };
    let method = match *req.method() {
        Method::GET
        | Method::POST
        | Method::PUT
        | Method::PATCH
        | Method::DELETE
        | Method::HEAD
        | Method::OPTIONS => req.method().to_string(),
        _ => "other".into(),
    };
    let start = Instant::now();
    let res = next.run(req).await;
    let status = res.status().as_u16().to_string();
    let labels = [("route", route), ("method", method), ("status", status)];
    metrics::counter!("http_requests_total", &labels).increment(1);
    metrics::histogram!("http_request_duration_seconds", &labels)
        .record(start.elapsed().as_secs_f64());
    res
}

/// The most a server-function body may be (photos go through their own route).
pub const API_BODY_LIMIT: usize = 2 * 1024 * 1024;

/// Hostile input at the server-function boundary answers 4xx, never 500 (issue 11 item
/// 11). A NUL byte would reach PostgreSQL (which refuses it in text); the parsers in
/// `shared` give field messages for control characters, and this refuses NUL in any
/// argument of any function, present or future, before it is decoded.
pub async fn api_input(mut req: Request, next: Next) -> Response {
    if !req.uri().path().starts_with("/api/") {
        return next.run(req).await;
    }
    // GET functions answer data, never a redirect to the Referer (which server_fn and
    // leptos_axum do for any request that accepts HTML); the app's own no-JS forms post
    if matches!(*req.method(), Method::GET | Method::HEAD) {
        req.headers_mut().insert(
            http::header::ACCEPT,
            HeaderValue::from_static("application/json"),
        );
    }
    if req
        .uri()
        .query()
        .is_some_and(|q| q.contains('\0') || q.to_ascii_lowercase().contains("%00"))
    {
        return bad_input(NUL_MESSAGE);
    }
    let ctype = req
        .headers()
        .get(http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    let form = ctype.starts_with("application/x-www-form-urlencoded");
    let json = ctype.starts_with("application/json");
    if !(form || json) {
        return next.run(req).await;
    }
    let (parts, body) = req.into_parts();
    let bytes = match axum::body::to_bytes(body, API_BODY_LIMIT).await {
        Ok(b) => b,
        Err(_) => {
            return (StatusCode::PAYLOAD_TOO_LARGE, "The request is too large.").into_response()
        }
    };
    let lower = bytes.to_ascii_lowercase();
    let has = |needle: &[u8]| lower.windows(needle.len()).any(|w| w == needle);
    if bytes.contains(&0) || (form && has(b"%00")) || (json && has(b"\\u0000")) {
        return bad_input(NUL_MESSAGE);
    }
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}

const NUL_MESSAGE: &str = "Text may not contain control characters such as NUL.";

fn bad_input(message: &str) -> Response {
    let body = serde_json::to_string(&app::error::AppError::BadRequest(message.into()))
        .unwrap_or_default();
    (
        StatusCode::BAD_REQUEST,
        [(http::header::CONTENT_TYPE, "application/json")],
        body,
    )
        .into_response()
}

/// Server-function errors that never reached a body (arguments that don't decode, a
/// missing field, a wrong method or content type) leave `server_fn` as 500 whatever they
/// are; this gives every server-function error the status its `AppError` names (400 for
/// those), so only real server faults are 5xx.
pub async fn server_fn_status(req: Request, next: Next) -> Response {
    let res = next.run(req).await;
    if res.status() != StatusCode::INTERNAL_SERVER_ERROR
        || !res.headers().contains_key("serverfnerror")
    {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 64 * 1024).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    if let Ok(err) = serde_json::from_slice::<app::error::AppError>(&bytes) {
        if let Ok(status) = StatusCode::from_u16(err.status()) {
            parts.status = status;
        }
    }
    Response::from_parts(parts, Body::from(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> Option<IpAddr> {
        Some(s.parse().unwrap())
    }

    #[test]
    fn only_the_public_origin_may_post() {
        let public = "https://app.example.com";
        assert!(origin_allowed("https://app.example.com", public));
        assert!(!origin_allowed("http://app.example.com", public), "scheme");
        assert!(
            !origin_allowed("https://app.example.com:8443", public),
            "port"
        );
        assert!(
            !origin_allowed("https://app.example.com.evil.example", public),
            "host"
        );
        assert!(!origin_allowed("null", public));
        assert!(origin_allowed(
            "http://127.0.0.1:3000",
            "http://127.0.0.1:3000/"
        ));
        assert!(origin_allowed(
            "http://localhost:3000",
            "http://127.0.0.1:3000"
        ));
        assert!(!origin_allowed(
            "http://localhost:3001",
            "http://127.0.0.1:3000"
        ));
        assert!(!origin_allowed(
            "https://localhost:3000",
            "http://127.0.0.1:3000"
        ));
    }

    #[test]
    fn without_proxies_the_peer_is_the_client_whatever_the_header_says() {
        assert_eq!(
            client_ip(Some("1.2.3.4"), 0, ip("10.0.0.1")),
            ip("10.0.0.1")
        );
    }

    #[test]
    fn behind_one_proxy_the_rightmost_entry_is_the_client() {
        // the client wrote "6.6.6.6"; the proxy appended what it saw
        assert_eq!(
            client_ip(Some("6.6.6.6, 203.0.113.9"), 1, ip("10.0.0.1")),
            ip("203.0.113.9")
        );
        assert_eq!(
            client_ip(Some("203.0.113.9"), 1, ip("10.0.0.1")),
            ip("203.0.113.9")
        );
    }

    #[test]
    fn behind_two_proxies_the_second_from_the_right_is_the_client() {
        assert_eq!(
            client_ip(Some("6.6.6.6, 203.0.113.9, 10.0.0.7"), 2, ip("10.0.0.1")),
            ip("203.0.113.9")
        );
    }

    #[test]
    fn a_missing_short_or_garbled_header_falls_back_to_the_peer() {
        assert_eq!(client_ip(None, 1, ip("10.0.0.1")), ip("10.0.0.1"));
        assert_eq!(
            client_ip(Some("203.0.113.9"), 2, ip("10.0.0.1")),
            ip("10.0.0.1")
        );
        assert_eq!(
            client_ip(Some("not-an-ip"), 1, ip("10.0.0.1")),
            ip("10.0.0.1")
        );
    }
}
