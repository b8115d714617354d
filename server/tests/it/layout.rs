//! The tree's own rules, checked (engineering.md "Architecture"): SQL lives in a
//! feature's `db.rs`. The exceptions below are real: bootstrapping before a schema exists,
//! the health check, and the one statement that opens a tenant transaction. A count may
//! only go down, and a file not listed may hold none.

use std::path::{Path, PathBuf};

/// (file, most `sqlx::query`/`raw_sql` calls allowed, why).
const EXCEPTIONS: &[(&str, usize, &str)] = &[
    (
        "server/src/pg_local.rs",
        4,
        "cluster bootstrap: role and database DDL before any schema",
    ),
    ("server/src/lib.rs", 1, "/health's `select 1`"),
    (
        "app/src/platform/ctx.rs",
        1,
        "the tenant transaction's set_config, the one entry to RLS",
    ),
];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn sql_lives_in_db_rs_files_except_the_listed_ones() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let mut files = Vec::new();
    for dir in ["app/src", "server/src"] {
        rust_files(&root.join(dir), &mut files);
    }
    let mut problems = Vec::new();
    for file in files {
        let rel = file
            .strip_prefix(root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if rel.ends_with("/db.rs") || rel.contains("/db/") {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap();
        let n = text.matches("sqlx::query").count() + text.matches("sqlx::raw_sql").count();
        let allowed = EXCEPTIONS
            .iter()
            .find(|(f, _, _)| *f == rel)
            .map_or(0, |(_, n, _)| *n);
        if n > allowed {
            problems.push(format!(
                "{rel}: {n} SQL calls (allowed {allowed}): move them into a db.rs"
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
