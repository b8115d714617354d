//! Listings over real HTTP: create/edit with validation, the address rule, the status
//! machine and history, scopes by role, 404 across orgs, search, filters and keyset
//! pagination, archiving.

use serde_json::Value;
use sqlx::PgPool;

use crate::common::{spawn_app, TestApp};

/// A valid listing form, with `overrides` replacing fields.
pub fn listing_form<'a>(overrides: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut form = vec![
        ("title", "Sunny corner condo"),
        ("property_type", "condo"),
        ("price", "$500,000"),
        ("bedrooms", "2"),
        ("bathrooms", "1.5"),
        ("living_area", "1,100"),
        ("lot_size", ""),
        ("year_built", "1998"),
        ("street", "12 Harbor Street, Unit 4"),
        ("city", "Boston"),
        ("state", "MA"),
        ("postal_code", "02110"),
        ("description", "Quiet corner unit."),
        ("features", "in-unit laundry, balcony"),
    ];
    for (k, v) in overrides {
        if let Some(slot) = form.iter_mut().find(|(f, _)| f == k) {
            slot.1 = v;
        }
    }
    form
}

/// Creates a listing and returns its id.
pub async fn create(app: &TestApp, c: &reqwest::Client, overrides: &[(&str, &str)]) -> String {
    let r = app
        .post(c, "listings/create", &listing_form(overrides))
        .await;
    let status = r.status();
    let body = r.text().await.unwrap();
    assert!(status.is_success(), "create failed: {status} {body}");
    serde_json::from_str::<String>(&body).unwrap()
}

pub async fn get(app: &TestApp, c: &reqwest::Client, id: &str) -> reqwest::Response {
    app.get(c, &format!("listings/get?id={id}")).await
}

async fn list(app: &TestApp, c: &reqwest::Client, query: &str) -> Value {
    let r = app.get(c, &format!("listings/list?{query}")).await;
    assert!(r.status().is_success(), "list failed: {}", r.status());
    r.json().await.unwrap()
}

fn titles(page: &Value) -> Vec<String> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["title"].as_str().unwrap().to_owned())
        .collect()
}

#[sqlx::test(migrations = "../migrations")]
async fn an_agent_creates_a_listing_and_reads_it_back(pool: PgPool) {
    let app = spawn_app(pool).await;
    let admin = app.register("Harbor", "ada@harbor.test").await;
    let id = create(&app, &admin, &[]).await;
    let detail: Value = get(&app, &admin, &id).await.json().await.unwrap();
    assert_eq!(detail["card"]["price_cents"], 50_000_000);
    assert_eq!(detail["card"]["bathroom_halves"], 3);
    assert_eq!(detail["card"]["status"], "draft");
    assert_eq!(detail["reso_status"], "Incomplete");
    assert_eq!(
        detail["features"],
        serde_json::json!(["in-unit laundry", "balcony"])
    );
    assert_eq!(detail["history"].as_array().unwrap().len(), 1);
    let audit: i64 =
        sqlx::query_scalar("select count(*) from audit_log where action = 'listing_created'")
            .fetch_one(&app.owner)
            .await
            .unwrap();
    assert_eq!(audit, 1, "created in one transaction with its audit entry");
}

#[sqlx::test(migrations = "../migrations")]
async fn invalid_fields_answer_with_a_message_per_field(pool: PgPool) {
    let app = spawn_app(pool).await;
    let admin = app.register("Harbor", "ada@harbor.test").await;
    let r = app
        .post(
            &admin,
            "listings/create",
            &listing_form(&[
                ("price", "12.345"),
                ("bedrooms", "30"),
                ("postal_code", "ABC"),
            ]),
        )
        .await;
    assert_eq!(r.status(), 422);
    let body: Value = r.json().await.unwrap();
    let fields: Vec<String> = body["Invalid"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p[0].as_str().unwrap().to_owned())
        .collect();
    for f in ["price", "bedrooms", "postal_code"] {
        assert!(fields.contains(&f.to_owned()), "{f} flagged: {body}");
    }
    let n: i64 = sqlx::query_scalar("select count(*) from listings")
        .fetch_one(&app.owner)
        .await
        .unwrap();
    assert_eq!(n, 0);
}

#[sqlx::test(migrations = "../migrations")]
async fn the_same_address_twice_for_one_agent_is_refused_with_a_link(pool: PgPool) {
    let app = spawn_app(pool).await;
    let admin = app.register("Harbor", "ada@harbor.test").await;
    let first = create(&app, &admin, &[]).await;
    let r = app
        .post(
            &admin,
            "listings/create",
            &listing_form(&[("street", "12 harbor st apt 4"), ("title", "Another title")]),
        )
        .await;
    assert_eq!(r.status(), 422);
    let body = r.text().await.unwrap();
    assert!(
        body.contains(&first),
        "the message links the existing listing: {body}"
    );
    // archived listings free the address
    let r = app
        .post(
            &admin,
            "listings/archive",
            &[("id", &first), ("archived", "true")],
        )
        .await;
    assert!(r.status().is_success());
    create(&app, &admin, &[("title", "Relisted")]).await;
    // …and then unarchiving the first would clash
    let r = app
        .post(
            &admin,
            "listings/archive",
            &[("id", &first), ("archived", "false")],
        )
        .await;
    assert_eq!(r.status(), 409);
}

#[sqlx::test(migrations = "../migrations")]
async fn status_moves_follow_the_machine_and_are_kept_in_history(pool: PgPool) {
    let app = spawn_app(pool).await;
    let admin = app.register("Harbor", "ada@harbor.test").await;
    let id = create(&app, &admin, &[]).await;
    let r = app
        .post(
            &admin,
            "listings/status",
            &[("id", &id), ("status", "sold")],
        )
        .await;
    assert_eq!(r.status(), 409, "draft cannot jump to sold");
    let msg = r.text().await.unwrap();
    assert!(
        msg.contains("Coming soon"),
        "the refusal says what is possible: {msg}"
    );
    for to in ["coming_soon", "active", "under_contract", "sold"] {
        app.clock.advance(chrono::Duration::minutes(1));
        let r = app
            .post(&admin, "listings/status", &[("id", &id), ("status", to)])
            .await;
        assert!(r.status().is_success(), "move to {to}: {}", r.status());
    }
    let detail: Value = get(&app, &admin, &id).await.json().await.unwrap();
    assert_eq!(detail["card"]["status"], "sold");
    assert_eq!(detail["reso_status"], "Closed");
    let history = detail["history"].as_array().unwrap();
    assert_eq!(history.len(), 5);
    assert_eq!(history[0]["from"], "under_contract");
    assert_eq!(history[0]["to"], "sold");
    assert_eq!(history[0]["by_name"], "Ada Admin");
    assert!(detail["next_statuses"].as_array().unwrap().is_empty());
}

#[sqlx::test(migrations = "../migrations")]
async fn bulk_status_changes_report_what_moved_and_why_not(pool: PgPool) {
    let app = spawn_app(pool).await;
    let admin = app.register("Harbor", "ada@harbor.test").await;
    let a = create(&app, &admin, &[("street", "1 A Street")]).await;
    let b = create(&app, &admin, &[("street", "2 B Street")]).await;
    app.post(
        &admin,
        "listings/status",
        &[("id", &b), ("status", "coming_soon")],
    )
    .await;
    let r = app
        .post(
            &admin,
            "listings/bulk-status",
            &[("ids[0]", &a), ("ids[1]", &b), ("status", "active")],
        )
        .await;
    assert!(r.status().is_success(), "{}", r.status());
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["changed"], 1);
    assert_eq!(body["refused"].as_array().unwrap().len(), 1);
}

#[sqlx::test(migrations = "../migrations")]
async fn another_orgs_listing_answers_404_everywhere(pool: PgPool) {
    let app = spawn_app(pool).await;
    let a = app.register("Harbor", "ada@harbor.test").await;
    let b = app.register("Other", "bob@other.test").await;
    let id = create(&app, &a, &[]).await;
    assert_eq!(get(&app, &b, &id).await.status(), 404);
    let r = app
        .post(
            &b,
            "listings/update",
            &[&[("id", id.as_str())][..], &listing_form(&[])].concat(),
        )
        .await;
    assert_eq!(r.status(), 404);
    let r = app
        .post(
            &b,
            "listings/status",
            &[("id", &id), ("status", "coming_soon")],
        )
        .await;
    assert_eq!(r.status(), 404);
    let r = app
        .post(&b, "listings/archive", &[("id", &id), ("archived", "true")])
        .await;
    assert_eq!(r.status(), 404);
    assert_eq!(
        app.get(&b, &format!("listings/texts?listing_id={id}"))
            .await
            .status(),
        404
    );
    assert_eq!(
        app.get(&b, &format!("listings/pricing?listing_id={id}"))
            .await
            .status(),
        404
    );
    assert!(titles(&list(&app, &b, "").await).is_empty());
}

#[sqlx::test(migrations = "../migrations")]
async fn agents_see_their_own_brokers_their_team_admins_and_viewers_all(pool: PgPool) {
    let app = spawn_app(pool).await;
    let admin = app.register("Harbor", "ada@harbor.test").await;
    app.verify("ada@harbor.test").await;
    let agent1 = app.add_member(&admin, "a1@harbor.test", "agent").await;
    let agent2 = app.add_member(&admin, "a2@harbor.test", "agent").await;
    let broker = app.add_member(&admin, "br@harbor.test", "broker").await;
    let viewer = app.add_member(&admin, "vi@harbor.test", "viewer").await;
    // team with the broker as lead and agent1 in it
    app.post(&admin, "admin/create-team", &[("name", "Downtown")])
        .await;
    let team: uuid::Uuid = sqlx::query_scalar("select id from teams")
        .fetch_one(&app.owner)
        .await
        .unwrap();
    let team = team.to_string();
    let broker_id = app.user_id("br@harbor.test").await;
    app.post(
        &admin,
        "admin/set-team-lead",
        &[("team_id", &team), ("lead_id", &broker_id)],
    )
    .await;
    let a1 = app.user_id("a1@harbor.test").await;
    app.post(
        &admin,
        "admin/update-user",
        &[("user_id", &a1), ("role", "agent"), ("team_id", &team)],
    )
    .await;

    let l1 = create(
        &app,
        &agent1,
        &[("title", "Agent one home"), ("street", "1 One St")],
    )
    .await;
    let l2 = create(
        &app,
        &agent2,
        &[("title", "Agent two home"), ("street", "2 Two St")],
    )
    .await;

    assert_eq!(
        titles(&list(&app, &agent1, "").await),
        vec!["Agent one home"]
    );
    assert_eq!(
        get(&app, &agent1, &l2).await.status(),
        404,
        "not another agent's"
    );
    assert_eq!(
        titles(&list(&app, &broker, "").await),
        vec!["Agent one home"]
    );
    assert_eq!(
        get(&app, &broker, &l2).await.status(),
        404,
        "not outside the team"
    );
    assert_eq!(get(&app, &broker, &l1).await.status(), 200);
    assert_eq!(titles(&list(&app, &admin, "").await).len(), 2);
    let page = list(&app, &viewer, "").await;
    assert_eq!(titles(&page).len(), 2);
    assert_eq!(page["can_edit"], false);
    // a viewer reads but never writes
    let detail: Value = get(&app, &viewer, &l1).await.json().await.unwrap();
    assert_eq!(detail["can_edit"], false);
    let r = app
        .post(
            &viewer,
            "listings/status",
            &[("id", &l1), ("status", "coming_soon")],
        )
        .await;
    assert_eq!(r.status(), 403);
    let r = app
        .post(
            &viewer,
            "listings/create",
            &listing_form(&[("street", "9 Nine St")]),
        )
        .await;
    assert_eq!(r.status(), 403);
}

#[sqlx::test(migrations = "../migrations")]
async fn search_filters_and_keyset_pages_cover_every_listing_once(pool: PgPool) {
    let app = spawn_app(pool).await;
    let admin = app.register("Harbor", "ada@harbor.test").await;
    for i in 0..30 {
        let street = format!("{} Maple Road", i + 1);
        let price = format!("{}", 400_000 + i * 10_000);
        let beds = format!("{}", i % 5);
        create(
            &app,
            &admin,
            &[
                ("street", &street),
                ("price", &price),
                ("bedrooms", &beds),
                ("title", "Maple home"),
            ],
        )
        .await;
        app.clock.advance(chrono::Duration::seconds(1));
    }
    create(
        &app,
        &admin,
        &[
            ("street", "5 Lighthouse Lane"),
            ("title", "Seaside cottage"),
        ],
    )
    .await;

    let found = list(&app, &admin, "q=lighthouse").await;
    assert_eq!(
        titles(&found),
        vec!["Seaside cottage"],
        "found by an address word"
    );
    let found = list(&app, &admin, "q=seas").await;
    assert_eq!(
        titles(&found),
        vec!["Seaside cottage"],
        "prefix of a title word"
    );

    let filtered = list(&app, &admin, "min_price=600000&beds=3").await;
    for item in filtered["items"].as_array().unwrap() {
        assert!(item["price_cents"].as_i64().unwrap() >= 60_000_000);
        assert!(item["bedrooms"].as_i64().unwrap() >= 3);
    }

    for sort in ["newest", "price_desc", "price_asc", "beds"] {
        let mut seen = std::collections::HashSet::new();
        let mut query = format!("sort={sort}");
        let mut pages = 0;
        loop {
            let page = list(&app, &admin, &query).await;
            for item in page["items"].as_array().unwrap() {
                assert!(
                    seen.insert(item["id"].as_str().unwrap().to_owned()),
                    "no repeats ({sort})"
                );
            }
            pages += 1;
            match page["next"].as_str() {
                Some(next) => query = format!("sort={sort}&after={next}"),
                None => break,
            }
        }
        assert_eq!(seen.len(), 31, "every listing once ({sort})");
        assert_eq!(pages, 2);
    }
}

#[sqlx::test(migrations = "../migrations")]
async fn editing_a_significant_field_marks_texts_stale(pool: PgPool) {
    let app = spawn_app(pool).await;
    let admin = app.register("Harbor", "ada@harbor.test").await;
    let id = create(&app, &admin, &[]).await;
    sqlx::query(
        "insert into listing_texts (org_id, listing_id, kind, state, current_version)
         select org_id, id, 'description', 'ready', 1 from listings",
    )
    .execute(&app.owner)
    .await
    .unwrap();
    let mut form = vec![("id", id.as_str())];
    form.extend(listing_form(&[("description", "Only the notes changed.")]));
    assert!(app
        .post(&admin, "listings/update", &form)
        .await
        .status()
        .is_success());
    let stale: bool = sqlx::query_scalar("select stale from listing_texts")
        .fetch_one(&app.owner)
        .await
        .unwrap();
    assert!(!stale, "the agent's own notes are not a fact the texts use");
    let mut form = vec![("id", id.as_str())];
    form.extend(listing_form(&[("price", "525000")]));
    assert!(app
        .post(&admin, "listings/update", &form)
        .await
        .status()
        .is_success());
    let stale: bool = sqlx::query_scalar("select stale from listing_texts")
        .fetch_one(&app.owner)
        .await
        .unwrap();
    assert!(stale);
}
