//! Hostile input never answers 5xx (issue 11 item 11): generated bodies and query strings
//! against every registered server function (the list comes from the router's own
//! registry, so functions added later are covered without touching this file), signed in
//! and signed out.

use http::Method;
use sqlx::PgPool;

use crate::common::{client, spawn_app};
use crate::listings::create;

/// Field names the app's functions use, so generated bodies reach the decoders and bodies.
const FIELDS: &[&str] = &[
    "id",
    "listing_id",
    "email",
    "password",
    "name",
    "title",
    "status",
    "token",
    "kinds",
    "tone",
    "audience",
    "role",
    "user_id",
    "team_id",
    "description",
    "street",
    "city",
    "price",
    "ids",
    "archived",
    "disabled",
    "next",
    "q",
    "action",
    "org_name",
    "theme",
    "phrase",
    "reason",
    "text",
    "kind",
    "photo_id",
    "order",
    "cursor",
    "sort",
];

/// Values that broke, or could break, a decoder or PostgreSQL.
fn values(listing: &str) -> Vec<String> {
    vec![
        "\0".into(),
        "a\0b".into(),
        format!("{listing}\0"),
        "\u{202e}gnp.exe".into(),
        "\u{1b}[31mred".into(),
        "x".repeat(20_000),
        "-1".into(),
        "1e309".into(),
        "NaN".into(),
        "99999999999999999999999999".into(),
        "[]".into(),
        "{}".into(),
        "null".into(),
        "true".into(),
        "'; drop table users; --".into(),
        "../../../etc/passwd".into(),
        "//evil.example".into(),
        "00000000-0000-0000-0000-000000000000".into(),
        listing.to_owned(),
        "💥🏠".into(),
        String::new(),
    ]
}

/// A small deterministic generator (the same inputs every run).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n
    }
}

fn urlencode(s: &str) -> String {
    app::platform::respond::urlencode(s)
}

/// One generated request: (content type, body bytes, extra query string).
fn shapes(rng: &mut Lcg, listing: &str) -> Vec<(&'static str, Vec<u8>, String)> {
    let vals = values(listing);
    let form = |rng: &mut Lcg, n: usize| -> String {
        (0..n)
            .map(|_| {
                let f = FIELDS[rng.next(FIELDS.len())];
                let v = &vals[rng.next(vals.len())];
                format!("{f}={}", urlencode(v))
            })
            .collect::<Vec<_>>()
            .join("&")
    };
    let form_ct = "application/x-www-form-urlencoded";
    let mut out = Vec::new();
    for _ in 0..8 {
        let n = 1 + rng.next(6);
        out.push((form_ct, form(rng, n).into_bytes(), String::new()));
    }
    // every field at once with one value, and duplicate keys
    let v = &vals[rng.next(vals.len())];
    let all = FIELDS
        .iter()
        .map(|f| format!("{f}={}", urlencode(v)))
        .collect::<Vec<_>>()
        .join("&");
    out.push((form_ct, all.clone().into_bytes(), String::new()));
    out.push((form_ct, format!("{all}&{all}").into_bytes(), String::new()));
    // invalid UTF-8, encoded and raw; raw NUL
    out.push((
        form_ct,
        b"id=%FF%FE%FD&email=%C3%28".to_vec(),
        String::new(),
    ));
    out.push((form_ct, b"id=\xff\xfe&title=\x00".to_vec(), String::new()));
    // nested and array syntax
    out.push((
        form_ct,
        b"filter[action][x]=1&ids[]=a&ids[0][1]=b".to_vec(),
        String::new(),
    ));
    // JSON: wrong types, malformed, NUL escaped
    let json = "application/json";
    out.push((
        json,
        br#"{"id": 5, "email": [], "password": {"a": null}}"#.to_vec(),
        String::new(),
    ));
    out.push((json, br#"{"id": "#.to_vec(), String::new()));
    out.push((
        json,
        br#"{"title": "a\u0000b", "id": "x"}"#.to_vec(),
        String::new(),
    ));
    // wrong content types and empty bodies
    out.push(("text/plain", b"hello".to_vec(), String::new()));
    out.push((
        "multipart/form-data; boundary=zz",
        b"--zz\r\ngarbage".to_vec(),
        String::new(),
    ));
    out.push((form_ct, Vec::new(), String::new()));
    out.push((
        "application/cbor",
        vec![0xa1, 0x61, 0x61, 0x00],
        String::new(),
    ));
    // the same hostile values in the query string (what GET functions read)
    for _ in 0..4 {
        let n = 1 + rng.next(4);
        out.push((form_ct, Vec::new(), form(rng, n)));
    }
    out.push((form_ct, Vec::new(), "id=%00&email=%ff".into()));
    out
}

#[sqlx::test(migrations = "../migrations")]
async fn a_thousand_hostile_inputs_across_every_server_function_never_answer_5xx(pool: PgPool) {
    let app = spawn_app(pool).await;
    let admin = app.register("Harbor", "ada@harbor.test").await;
    let listing = create(&app, &admin, &[]).await;
    let anon = client();
    let mut functions: Vec<(String, Method)> = leptos::server_fn::axum::server_fn_paths()
        .map(|(p, m)| (p.to_owned(), m))
        .collect();
    functions.sort_by(|a, b| a.0.cmp(&b.0));
    // signing out would end the admin's part of the run early: do it last
    functions.sort_by_key(|(p, _)| p.ends_with("/logout"));
    assert!(
        functions.len() >= 30,
        "only {} server functions found",
        functions.len()
    );
    let mut rng = Lcg(0x5eed);
    let mut sent = 0;
    let mut failures = Vec::new();
    for (path, method) in &functions {
        for (who, c) in [("admin", &admin), ("anonymous", &anon)] {
            for (ctype, body, query) in shapes(&mut rng, &listing) {
                let url = if query.is_empty() {
                    format!("{}{path}", app.base)
                } else {
                    format!("{}{path}?{query}", app.base)
                };
                let r = c
                    .request(method.clone(), url)
                    .header("content-type", ctype)
                    .body(body.clone())
                    .send()
                    .await
                    .unwrap();
                sent += 1;
                if r.status().is_server_error() {
                    let status = r.status();
                    let text = r.text().await.unwrap_or_default();
                    let shown = String::from_utf8_lossy(&body[..body.len().min(80)]).into_owned();
                    failures.push(format!("{who} {method} {path} [{ctype}] {shown:?} ?{query:.60} -> {status} {text:.120}"));
                }
            }
        }
        // one oversized body per function
        let big = vec![b'a'; 3 * 1024 * 1024];
        let r = admin
            .request(method.clone(), format!("{}{path}", app.base))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(big)
            .send()
            .await
            .unwrap();
        sent += 1;
        if r.status().is_server_error() {
            failures.push(format!("oversized {method} {path} -> {}", r.status()));
        }
    }
    assert!(sent >= 1000, "only {sent} requests were sent");
    assert!(
        failures.is_empty(),
        "{} of {sent} answered 5xx:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
