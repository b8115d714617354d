//! A fake OpenAI-compatible server on 127.0.0.1 for tests: `/v1/chat/completions`
//! answers as scripted per call (text with usage, 429, a hang, 500, broken JSON, an
//! SSE stream, a redirect) and counts the calls. Plus a clock moved by hand.

#![allow(dead_code)]

use std::collections::VecDeque;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use app::platform::Clock;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::Router;
use chrono::{DateTime, Utc};

/// What the fake server does on one call.
#[derive(Debug, Clone)]
pub enum Reply {
    /// 200, a chat.completion with usage 1000 in / 500 out.
    Text(&'static str),
    /// 429 with OpenAI's error body.
    RateLimited,
    /// Answers only after this long (longer than the client waits).
    Hang(Duration),
    /// 500 with a plain-text body.
    ServerError,
    /// 200 with a body that is not JSON.
    Malformed,
    /// 200, an SSE stream of these deltas, then a usage chunk and [DONE].
    Stream(Vec<&'static str>),
    /// 307 to another path of the same server.
    Redirect,
}

#[derive(Default)]
struct Script {
    next: Mutex<VecDeque<Reply>>,
    then: Mutex<Option<Reply>>,
    calls: AtomicUsize,
    stray: AtomicUsize,
    last_body: Mutex<Option<serde_json::Value>>,
    last_auth: Mutex<Option<String>>,
}

pub struct FakeOpenAi {
    base: String,
    script: Arc<Script>,
}

impl FakeOpenAi {
    /// Answers `first` in order, then `then` forever.
    pub async fn start(first: Vec<Reply>, then: Reply) -> Self {
        let script = Arc::new(Script::default());
        *script.next.lock().unwrap() = first.into();
        *script.then.lock().unwrap() = Some(then);
        let app = Router::new()
            .route("/v1/chat/completions", post(chat))
            .fallback(stray)
            .with_state(script.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        FakeOpenAi {
            base: format!("http://{addr}"),
            script,
        }
    }

    pub fn calls(&self) -> usize {
        self.script.calls.load(Ordering::SeqCst)
    }

    /// The base URL to configure, `/v1` included.
    pub fn base_url(&self) -> String {
        format!("{}/v1", self.base)
    }

    /// Requests that went anywhere but /v1/chat/completions.
    pub fn stray_calls(&self) -> usize {
        self.script.stray.load(Ordering::SeqCst)
    }

    /// The JSON body of the last chat request.
    pub fn last_body(&self) -> Option<serde_json::Value> {
        self.script.last_body.lock().unwrap().clone()
    }

    /// The Authorization header of the last chat request.
    pub fn last_auth(&self) -> Option<String> {
        self.script.last_auth.lock().unwrap().clone()
    }

    /// From now on answer `reply` every time.
    pub fn answer(&self, reply: Reply) {
        self.script.next.lock().unwrap().clear();
        *self.script.then.lock().unwrap() = Some(reply);
    }
}

async fn chat(State(script): State<Arc<Script>>, headers: HeaderMap, body: Bytes) -> Response {
    script.calls.fetch_add(1, Ordering::SeqCst);
    *script.last_body.lock().unwrap() = serde_json::from_slice(&body).ok();
    *script.last_auth.lock().unwrap() = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let reply = script
        .next
        .lock()
        .unwrap()
        .pop_front()
        .or_else(|| script.then.lock().unwrap().clone())
        .unwrap();
    match reply {
        Reply::Text(text) => completion(text),
        Reply::RateLimited => (
            StatusCode::TOO_MANY_REQUESTS,
            [("content-type", "application/json")],
            r#"{"error":{"message":"Rate limit reached","type":"requests","param":null,"code":"rate_limit_exceeded"}}"#,
        )
            .into_response(),
        Reply::Hang(d) => {
            tokio::time::sleep(d).await;
            completion("too late")
        }
        Reply::ServerError => (StatusCode::INTERNAL_SERVER_ERROR, "upstream exploded").into_response(),
        Reply::Malformed => (
            StatusCode::OK,
            [("content-type", "application/json")],
            "{\"id\": \"chatcmpl-1\", \"choices\": [",
        )
            .into_response(),
        Reply::Stream(deltas) => sse(&deltas),
        Reply::Redirect => (
            StatusCode::TEMPORARY_REDIRECT,
            [("location", "/elsewhere/chat/completions")],
        )
            .into_response(),
    }
}

async fn stray(State(script): State<Arc<Script>>) -> StatusCode {
    script.stray.fetch_add(1, Ordering::SeqCst);
    StatusCode::NOT_FOUND
}

fn completion(text: &str) -> Response {
    let body = serde_json::json!({
        "id": "chatcmpl-1", "object": "chat.completion", "created": 1_700_000_000,
        "model": "fake-model",
        "choices": [{ "index": 0, "message": { "role": "assistant", "content": text },
                      "finish_reason": "stop" }],
        "usage": { "prompt_tokens": 1000, "completion_tokens": 500, "total_tokens": 1500 }
    });
    axum::Json(body).into_response()
}

fn sse(deltas: &[&str]) -> Response {
    let chunk = |choices: serde_json::Value, usage: serde_json::Value| {
        let c = serde_json::json!({
            "id": "chatcmpl-1", "object": "chat.completion.chunk", "created": 1_700_000_000,
            "model": "fake-model", "choices": choices, "usage": usage
        });
        format!("data: {c}\n\n")
    };
    let mut body = String::new();
    for d in deltas {
        body += &chunk(
            serde_json::json!([{ "index": 0, "delta": { "content": d }, "finish_reason": null }]),
            serde_json::Value::Null,
        );
    }
    body += &chunk(
        serde_json::json!([]),
        serde_json::json!({ "prompt_tokens": 1000, "completion_tokens": 500, "total_tokens": 1500 }),
    );
    body += "data: [DONE]\n\n";
    ([("content-type", "text/event-stream")], body).into_response()
}

/// A clock the test moves by hand.
pub struct TestClock(Mutex<DateTime<Utc>>);

impl TestClock {
    pub fn new() -> Arc<Self> {
        Arc::new(TestClock(Mutex::new(Utc::now())))
    }

    pub fn advance(&self, by: chrono::Duration) {
        *self.0.lock().unwrap() += by;
    }
}

impl Clock for TestClock {
    fn now(&self) -> DateTime<Utc> {
        *self.0.lock().unwrap()
    }
}
