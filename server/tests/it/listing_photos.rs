//! Photo upload and serving over real HTTP: processed and stored, served with the right
//! headers, refused by content, nothing left behind on failure, other orgs get 404.

use serde_json::Value;
use sqlx::PgPool;

use crate::common::{spawn_app, TestApp};
use crate::listings::{create, get};

pub(crate) fn png(w: u32, h: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        image::Rgb([(x % 255) as u8, (y % 255) as u8, 128])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

pub(crate) async fn upload(
    app: &TestApp,
    c: &reqwest::Client,
    listing: &str,
    files: Vec<(&str, Vec<u8>)>,
) -> reqwest::Response {
    let mut form = reqwest::multipart::Form::new();
    for (name, bytes) in files {
        form = form.part(
            "photos",
            reqwest::multipart::Part::bytes(bytes).file_name(name.to_owned()),
        );
    }
    c.post(format!("{}/api/listings/{listing}/photos", app.base))
        .header("accept", "application/json")
        .multipart(form)
        .send()
        .await
        .unwrap()
}

async fn count_files(app: &TestApp) -> usize {
    fn walk(dir: &std::path::Path) -> usize {
        std::fs::read_dir(dir)
            .map(|rd| {
                rd.flatten()
                    .map(|e| {
                        if e.path().is_dir() {
                            walk(&e.path())
                        } else {
                            1
                        }
                    })
                    .sum()
            })
            .unwrap_or(0)
    }
    walk(&app.files_dir)
}

#[sqlx::test(migrations = "../migrations")]
async fn photos_upload_process_and_serve_with_the_cover_first(pool: PgPool) {
    let app = spawn_app(pool).await;
    let admin = app.register("Harbor", "ada@harbor.test").await;
    let id = create(&app, &admin, &[]).await;
    let r = upload(
        &app,
        &admin,
        &id,
        vec![
            ("front.png", png(1200, 800)),
            ("notes.jpg", b"not an image at all".to_vec()),
        ],
    )
    .await;
    assert_eq!(r.status(), 200);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["photos"].as_array().unwrap().len(), 1);
    assert_eq!(
        body["errors"].as_array().unwrap().len(),
        1,
        "the text file is refused by content"
    );
    assert_eq!(
        count_files(&app).await,
        2,
        "full size and thumbnail, nothing for the refused file"
    );

    let detail: Value = get(&app, &admin, &id).await.json().await.unwrap();
    assert_eq!(detail["card"]["photo_count"], 1);
    let thumb = detail["card"]["cover_url"].as_str().unwrap().to_owned();
    let r = admin
        .get(format!("{}{thumb}", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["content-type"], "image/jpeg");
    assert_eq!(r.headers()["x-content-type-options"], "nosniff");
    assert!(r.headers()["cache-control"]
        .to_str()
        .unwrap()
        .contains("max-age=31536000"));
    let bytes = r.bytes().await.unwrap();
    let img = image::load_from_memory(&bytes).unwrap();
    assert!(img.width() <= 480 && img.height() <= 480);

    // another org can neither see nor upload
    let other = app.register("Other", "bob@other.test").await;
    let r = other
        .get(format!("{}{thumb}", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    let r = upload(&app, &other, &id, vec![("x.png", png(10, 10))]).await;
    assert_eq!(r.status(), 404);
    // signed out: 401
    let r = crate::common::client()
        .get(format!("{}{thumb}", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
}

#[sqlx::test(migrations = "../migrations")]
async fn photos_reorder_and_delete_keep_positions_dense(pool: PgPool) {
    let app = spawn_app(pool).await;
    let admin = app.register("Harbor", "ada@harbor.test").await;
    let id = create(&app, &admin, &[]).await;
    let r = upload(
        &app,
        &admin,
        &id,
        vec![
            ("a.png", png(300, 200)),
            ("b.png", png(200, 300)),
            ("c.png", png(250, 250)),
        ],
    )
    .await;
    let body: Value = r.json().await.unwrap();
    let ids: Vec<String> = body["photos"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(ids.len(), 3);
    let r = app
        .post(
            &admin,
            "listings/photos/order",
            &[
                ("listing_id", &id),
                ("photo_ids[0]", &ids[2]),
                ("photo_ids[1]", &ids[0]),
                ("photo_ids[2]", &ids[1]),
            ],
        )
        .await;
    assert!(r.status().is_success(), "{}", r.status());
    let detail: Value = get(&app, &admin, &id).await.json().await.unwrap();
    assert_eq!(
        detail["photos"][0]["id"],
        ids[2].as_str(),
        "the new first is the cover"
    );
    assert!(detail["card"]["cover_url"]
        .as_str()
        .unwrap()
        .contains(&ids[2]));
    let r = app
        .post(
            &admin,
            "listings/photos/delete",
            &[("listing_id", &id), ("photo_id", &ids[2])],
        )
        .await;
    assert!(r.status().is_success());
    let detail: Value = get(&app, &admin, &id).await.json().await.unwrap();
    let positions: Vec<i64> = detail["photos"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["position"].as_i64().unwrap())
        .collect();
    assert_eq!(positions, vec![0, 1]);
    assert_eq!(
        count_files(&app).await,
        4,
        "the deleted photo's files are gone"
    );
}
