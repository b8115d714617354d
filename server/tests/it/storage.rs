//! Listing photo storage: the local folder store end to end, and the S3 store's
//! configuration (no S3 server is reachable from the tests, so only building it).

use std::path::{Path, PathBuf};

use app::platform::storage::{FileStore, StoreError};
use bytes::Bytes;
use secrecy::SecretString;
use server::config::{S3Config, StorageConfig};
use server::storage::{build_store, random_key, LocalStore};
use uuid::Uuid;

/// A fresh folder under the system temp dir, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> Self {
        let dir =
            std::env::temp_dir().join(format!("propertypro-store-{}", Uuid::new_v4().simple()));
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Every file under `dir`, as paths relative to it (none if `dir` doesn't exist).
fn files_under(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    if !dir.exists() {
        return out;
    }
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push(
                    path.strip_prefix(dir)
                        .unwrap()
                        .to_string_lossy()
                        .into_owned(),
                );
            }
        }
    }
    out.sort();
    out
}

fn s3_config(endpoint: Option<&str>) -> StorageConfig {
    StorageConfig::S3(S3Config {
        bucket: "propertypro-photos".into(),
        region: "us-east-1".into(),
        endpoint: endpoint.map(str::to_owned),
        access_key_id: Some("AKIDEXAMPLE".into()),
        secret_access_key: Some(SecretString::from(
            "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        )),
    })
}

#[tokio::test]
async fn a_local_store_puts_gets_and_deletes_a_photo_in_subfolders_it_creates() {
    let tmp = TempDir::new();
    let root = tmp.0.join("files");
    let store = build_store(&StorageConfig::Local { dir: root.clone() }).unwrap();
    assert_eq!(store.name(), "local");
    assert!(root.is_dir(), "the root folder is created");

    let key = random_key(Uuid::new_v4(), Uuid::new_v4(), "full");
    let photo = Bytes::from(vec![7u8; 300_000]);
    store.put(&key, photo.clone()).await.unwrap();
    assert_eq!(std::fs::read(root.join(&key)).unwrap(), photo.as_ref());
    assert_eq!(store.get(&key).await.unwrap(), photo);

    // Overwriting replaces the whole file.
    store
        .put(&key, Bytes::from_static(b"smaller"))
        .await
        .unwrap();
    assert_eq!(
        store.get(&key).await.unwrap(),
        Bytes::from_static(b"smaller")
    );

    store.delete(&key).await.unwrap();
    assert_eq!(store.get(&key).await.unwrap_err(), StoreError::NotFound);
    assert!(files_under(&root).is_empty());
    store.check().await.unwrap();
    assert!(
        files_under(&root).is_empty(),
        "check() leaves nothing behind"
    );
}

#[tokio::test]
async fn deleting_a_missing_photo_is_fine_and_getting_one_is_not_found() {
    let tmp = TempDir::new();
    let store = LocalStore::new(&tmp.0);
    store
        .delete("org/x/listing/y/nothing-here.jpg")
        .await
        .unwrap();
    assert_eq!(
        store
            .get("org/x/listing/y/nothing-here.jpg")
            .await
            .unwrap_err(),
        StoreError::NotFound
    );
}

#[tokio::test]
async fn keys_that_could_escape_the_folder_or_are_odd_are_refused() {
    let tmp = TempDir::new();
    let root = tmp.0.join("files");
    let store = LocalStore::new(&root);
    std::fs::write(tmp.0.join("secret.txt"), b"outside").unwrap();
    for key in [
        "",
        "../secret.txt",
        "org/../../secret.txt",
        "org/..",
        "/etc/passwd",
        "org//listing.jpg",
        "org/./a.jpg",
        "org/a.jpg/",
        "org\\..\\secret.txt",
        "org/a b.jpg",
        "org/a%2e%2e.jpg",
        "org/é.jpg",
        "org/a#1.jpg",
        "org/a\0.jpg",
    ] {
        for result in [
            store.put(key, Bytes::from_static(b"x")).await.err(),
            store.get(key).await.err(),
            store.delete(key).await.err(),
        ] {
            assert!(
                matches!(result, Some(StoreError::Io(ref m)) if m.contains("invalid key")),
                "key {key:?} gave {result:?}"
            );
        }
    }
    assert!(files_under(&root).is_empty());
    assert_eq!(std::fs::read(tmp.0.join("secret.txt")).unwrap(), b"outside");
}

#[tokio::test]
async fn writes_leave_no_temporary_files_behind_even_when_they_fail() {
    let tmp = TempDir::new();
    let root = tmp.0.join("files");
    let store = LocalStore::new(&root);
    let (org, listing) = (Uuid::new_v4(), Uuid::new_v4());
    let mut keys = Vec::new();
    for i in 0..20 {
        let key = random_key(org, listing, if i % 2 == 0 { "full" } else { "thumb" });
        store
            .put(&key, Bytes::from(vec![i as u8; 10_000 + i]))
            .await
            .unwrap();
        keys.push(key);
    }
    let mut expected: Vec<String> = keys.clone();
    expected.sort();
    assert_eq!(
        files_under(&root),
        expected,
        "only the photos, no staging files"
    );

    // A write that can't succeed: the key's parent is a file, not a folder.
    let blocker = format!("org/{org}/blocker");
    store
        .put(&blocker, Bytes::from_static(b"a file"))
        .await
        .unwrap();
    let err = store
        .put(
            &format!("{blocker}/photo.jpg"),
            Bytes::from(vec![1u8; 50_000]),
        )
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Io(_)), "{err:?}");
    // A write whose last step fails: the key names an existing folder, so the staged
    // file (written in full beside it) can't be renamed into place, and is removed.
    let err = store
        .put(&format!("org/{org}"), Bytes::from(vec![2u8; 50_000]))
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Io(_)), "{err:?}");
    store.delete(&blocker).await.unwrap();
    assert_eq!(files_under(&root), expected);

    for key in &keys {
        store.delete(key).await.unwrap();
    }
    assert!(files_under(&root).is_empty());
}

#[tokio::test]
async fn concurrent_writes_to_one_key_leave_one_whole_file() {
    let tmp = TempDir::new();
    let root = tmp.0.join("files");
    let store = std::sync::Arc::new(LocalStore::new(&root));
    let key = "org/a/listing/b/same-full.jpg";
    let writes = (0..8u8).map(|i| {
        let store = store.clone();
        tokio::spawn(async move { store.put(key, Bytes::from(vec![i; 200_000])).await })
    });
    for w in writes {
        w.await.unwrap().unwrap();
    }
    let got = store.get(key).await.unwrap();
    assert_eq!(got.len(), 200_000);
    assert!(got.iter().all(|&b| b == got[0]), "a mix of two writes");
    assert_eq!(files_under(&root), vec![key.to_owned()]);
}

#[tokio::test]
async fn a_storage_folder_that_cannot_be_made_fails_at_start_up_not_later() {
    let tmp = TempDir::new();
    let file = tmp.0.join("not-a-folder");
    std::fs::write(&file, b"x").unwrap();
    let err = build_store(&StorageConfig::Local { dir: file.clone() })
        .err()
        .unwrap();
    assert!(err.to_string().contains("storage folder"), "{err}");
    // Built directly, the store is lazy: the same problem shows in check().
    let store = LocalStore::new(&file);
    assert!(matches!(store.check().await, Err(StoreError::Io(_))));
}

#[test]
fn an_s3_store_builds_from_configuration_without_a_network_call() {
    // No S3 server is reachable here, so this proves configuration only: building
    // the client contacts nothing (a bad endpoint or key shows up in check()).
    let store = build_store(&s3_config(None)).unwrap();
    assert_eq!(store.name(), "s3");
    let minio = build_store(&s3_config(Some("http://127.0.0.1:9000"))).unwrap();
    assert_eq!(minio.name(), "s3");
    assert!(build_store(&s3_config(Some(
        "https://s3.eu-central-003.backblazeb2.com"
    )))
    .is_ok());
}

#[test]
fn an_s3_endpoint_over_plain_http_is_refused_unless_it_is_on_this_machine() {
    let err = build_store(&s3_config(Some("http://minio.internal:9000")))
        .err()
        .unwrap();
    assert!(err.to_string().contains("https://"), "{err}");
    assert!(build_store(&s3_config(Some("ftp://127.0.0.1"))).is_err());
}

/// Against a real S3-compatible server on this machine, e.g. `moto_server -p 5055`
/// (pip install "moto[server]") or MinIO with a bucket made first:
/// `S3_TEST_ENDPOINT=http://127.0.0.1:5055 cargo test -p server --test it -- --ignored s3`
#[tokio::test]
#[ignore = "needs an S3-compatible server: set S3_TEST_ENDPOINT"]
async fn an_s3_store_round_trips_against_a_local_s3_server() {
    let endpoint = std::env::var("S3_TEST_ENDPOINT").expect("S3_TEST_ENDPOINT");
    let bucket = std::env::var("S3_TEST_BUCKET").unwrap_or_else(|_| "propertypro-test".into());
    // moto accepts any bucket creation; MinIO needs the bucket made beforehand.
    let _ = reqwest::Client::new()
        .put(format!("{endpoint}/{bucket}"))
        .send()
        .await;
    let cfg = StorageConfig::S3(S3Config {
        bucket,
        region: "us-east-1".into(),
        endpoint: Some(endpoint),
        access_key_id: Some(std::env::var("S3_TEST_KEY").unwrap_or_else(|_| "test".into())),
        secret_access_key: Some(SecretString::from(
            std::env::var("S3_TEST_SECRET").unwrap_or_else(|_| "test".into()),
        )),
    });
    let store = build_store(&cfg).unwrap();
    store.check().await.unwrap();
    let key = random_key(Uuid::new_v4(), Uuid::new_v4(), "thumb");
    let photo = Bytes::from(vec![9u8; 123_456]);
    store.put(&key, photo.clone()).await.unwrap();
    assert_eq!(store.get(&key).await.unwrap(), photo);
    store.delete(&key).await.unwrap();
    store.delete(&key).await.unwrap();
    assert_eq!(store.get(&key).await.unwrap_err(), StoreError::NotFound);
    assert!(store.put("../escape.jpg", photo).await.is_err());

    // A bucket that isn't there fails the check (as do bad credentials on real S3).
    let StorageConfig::S3(mut missing) = cfg else {
        unreachable!()
    };
    missing.bucket = format!("missing-{}", Uuid::new_v4().simple());
    let store = build_store(&StorageConfig::S3(missing)).unwrap();
    assert!(matches!(store.check().await, Err(StoreError::Io(_))));
}
