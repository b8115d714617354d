//! Request middleware: client address, session loading, same-origin guard, security
//! and cache headers, request metrics.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Instant;

use app::platform::ctx::ClientIp;
use app::platform::ServerCtx;
use axum::body::Body;
use axum::extract::{ConnectInfo, MatchedPath, Request};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::header::{HeaderValue, CACHE_CONTROL, COOKIE, HOST, ORIGIN, SET_COOKIE};
use http::{Method, StatusCode};

#[derive(Clone)]
pub struct MwState {
    pub ctx: Arc<ServerCtx>,
    pub trust_proxy: bool,
    pub hsts: bool,
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

/// Records the client address and, when a session cookie is present, the
/// signed-in user (re-read from the database on every request).
pub async fn session(
    axum::extract::State(st): axum::extract::State<MwState>,
    mut req: Request,
    next: Next,
) -> Response {
    let forwarded = st
        .trust_proxy
        .then(|| {
            req.headers()
                .get("x-forwarded-for")
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.split(',').next())
                .map(|v| v.trim().to_owned())
        })
        .flatten();
    let ip = forwarded.or_else(|| {
        req.extensions()
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| c.0.ip().to_string())
    });
    if let Some(ip) = ip {
        req.extensions_mut().insert(ClientIp(ip));
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
    if let Some(token) = token.filter(|t| !t.is_empty()) {
        match app::auth::session::load(&st.ctx, &token).await {
            Ok(Ok(user)) => {
                req.extensions_mut().insert(user);
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
    let mut res = next.run(req).await;
    if clear && !res.headers().contains_key(SET_COOKIE) {
        if let Ok(v) = HeaderValue::from_str(&app::auth::session::cookie(&st.ctx, None)) {
            res.headers_mut().append(SET_COOKIE, v);
        }
    }
    res
}

/// Refuses state-changing requests from other sites (Leptos server functions do no
/// CSRF check themselves): `Sec-Fetch-Site` must be same-origin or none; without it,
/// `Origin` (when sent) must match the Host.
pub async fn same_origin(req: Request, next: Next) -> Response {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return next.run(req).await;
    }
    let h = req.headers();
    let allowed = match h.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        Some(site) => matches!(site, "same-origin" | "none"),
        None => match (
            h.get(ORIGIN).and_then(|v| v.to_str().ok()),
            h.get(HOST).and_then(|v| v.to_str().ok()),
        ) {
            (Some(origin), Some(host)) => {
                origin.split_once("://").map(|(_, rest)| rest) == Some(host)
            }
            (Some(_), None) => false,
            (None, _) => true,
        },
    };
    if allowed {
        next.run(req).await
    } else {
        tracing::warn!(path = %req.uri().path(), "cross-site request refused");
        (StatusCode::FORBIDDEN, "Cross-site request refused.").into_response()
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

/// Request count and latency by route (the matched pattern, never raw ids).
pub async fn metrics(req: Request<Body>, next: Next) -> Response {
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map(|m| m.as_str().to_owned())
        .unwrap_or_else(|| {
            let p = req.uri().path();
            if p.starts_with("/api/") {
                p.to_owned()
            } else if is_static(p) {
                "static".into()
            } else {
                "other".into()
            }
        });
    let method = req.method().to_string();
    let start = Instant::now();
    let res = next.run(req).await;
    let status = res.status().as_u16().to_string();
    let labels = [("route", route), ("method", method), ("status", status)];
    metrics::counter!("http_requests_total", &labels).increment(1);
    metrics::histogram!("http_request_duration_seconds", &labels)
        .record(start.elapsed().as_secs_f64());
    res
}
