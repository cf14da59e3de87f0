//! `vanban build` on the project's own corpus: every table written in both formats, with
//! the row counts read off the documents (the directive and assignment counts are those
//! of tests/gold/directives.tsv for `corpus/`).

use polars::prelude::*;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Runs `vanban build ARGS...`, asserts it succeeded and returns its stdout.
fn vanban_build(args: &[&str]) -> String {
    let o = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .arg("build")
        .args(args)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout).unwrap()
}

fn build_corpus(tag: &str) -> PathBuf {
    let out = std::env::temp_dir().join(format!("vanban-build-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    let corpus = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus");
    let summary = vanban_build(&[corpus, "--out", out.to_str().unwrap(), "--jobs", "2"]);
    assert!(
        summary.starts_with("5 documents: 5 ok, 0 partial, 0 failed"),
        "{summary}"
    );
    out
}

fn csv(path: &Path) -> DataFrame {
    CsvReadOptions::default()
        .with_has_header(true)
        .try_into_reader_with_file_path(Some(path.to_path_buf()))
        .unwrap()
        .finish()
        .unwrap()
}

fn parquet(path: &Path) -> DataFrame {
    ParquetReader::new(std::fs::File::open(path).unwrap())
        .finish()
        .unwrap()
}

#[test]
fn tables_of_the_project_corpus() {
    let out = build_corpus("tables");
    // (table, rows): 5 files; 7 + 3 + 4 + 3 + 2 directives; 16 + 6 + 10 + 6 + 5
    // assignments; 7 + 5 + 4 + 6 + 3 recipients.
    for (table, rows) in [
        ("documents", 5),
        ("directives", 19),
        ("assignments", 43),
        ("recipients", 25),
    ] {
        let p = parquet(&out.join(format!("{table}.parquet")));
        let c = csv(&out.join(format!("{table}.csv")));
        assert_eq!(p.height(), rows, "{table}.parquet");
        assert_eq!(c.height(), rows, "{table}.csv");
        assert_eq!(p.get_column_names(), c.get_column_names(), "{table}");
    }
    let docs = parquet(&out.join("documents.parquet"));
    assert_eq!(docs.column("date").unwrap().dtype(), &DataType::Date);
    let seed = docs
        .clone()
        .lazy()
        .filter(col("reference").eq(lit("525-TB/TU")))
        .select([
            col("date").cast(DataType::String),
            col("issuer"),
            col("directives"),
        ])
        .collect()
        .unwrap();
    assert_eq!(seed.height(), 1);
    assert_eq!(
        seed.column("date").unwrap().str().unwrap().get(0),
        Some("2008-07-21")
    );
    assert_eq!(
        seed.column("issuer").unwrap().str().unwrap().get(0),
        Some("TỈNH ỦY BÌNH THUẬN")
    );
    // The Liên minh Hợp tác xã leads directives 1/ to 6/ of the seed.
    let w = parquet(&out.join("agency_workload.parquet"))
        .lazy()
        .filter(
            col("canonical")
                .eq(lit("Liên minh Hợp tác xã tỉnh Bình Thuận"))
                .and(col("role").eq(lit("lead"))),
        )
        .collect()
        .unwrap();
    assert_eq!(
        w.column("directives")
            .unwrap()
            .cast(&DataType::UInt32)
            .unwrap()
            .u32()
            .unwrap()
            .get(0),
        Some(6)
    );
    assert_eq!(
        w.column("documents")
            .unwrap()
            .cast(&DataType::UInt32)
            .unwrap()
            .u32()
            .unwrap()
            .get(0),
        Some(1)
    );
    // issuer_summary: one row per (issuer, year, doc type); five documents in all.
    let s = parquet(&out.join("issuer_summary.parquet"));
    let counts = s
        .column("documents")
        .unwrap()
        .cast(&DataType::UInt32)
        .unwrap();
    let total: u32 = counts.u32().unwrap().sum().unwrap();
    assert_eq!(total, 5);
    // No temporary file is left behind.
    assert!(
        std::fs::read_dir(&out).unwrap().all(|e| !e
            .unwrap()
            .file_name()
            .to_string_lossy()
            .starts_with('.'))
    );
    std::fs::remove_dir_all(&out).ok();
}

#[test]
fn every_input_file_gets_a_documents_row() {
    let dir = std::env::temp_dir().join(format!("vanban-build-inputs-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(
        concat!(env!("CARGO_MANIFEST_DIR"), "/corpus/525-TB-TU.txt"),
        dir.join("a.txt"),
    )
    .unwrap();
    std::fs::write(dir.join("empty.txt"), b"").unwrap();
    std::fs::write(dir.join("binary.txt"), b"\x89PNG\0\0\0\0\0\0").unwrap();
    let out = dir.join("out");
    vanban_build(&[
        dir.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--format",
        "csv",
    ]);
    let docs = csv(&out.join("documents.csv"));
    assert_eq!(docs.height(), 3);
    let status = docs.column("status").unwrap().str().unwrap().clone();
    let failed = (0..status.len())
        .filter(|&i| status.get(i) == Some("failed"))
        .count();
    assert_eq!(failed, 2);
    assert!(
        !out.join("documents.parquet").exists(),
        "--format csv writes no Parquet"
    );
    std::fs::remove_dir_all(&dir).ok();
}
