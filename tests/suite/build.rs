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

/// Runs `vanban build ARGS...` made to crash right after its first checkpoint.
fn vanban_build_crashing(args: &[&str]) {
    let o = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .arg("build")
        .args(args)
        .env("VANBAN_TEST_CRASH_AFTER_CHECKPOINT", "1")
        .output()
        .unwrap();
    assert!(!o.status.success(), "the build was to crash");
}

/// The table files in `dir`, with their bytes, in name order.
fn table_files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().unwrap().is_file())
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    v.sort();
    v
}

fn u32s(df: &DataFrame, column: &str) -> Vec<u32> {
    let c = df.column(column).unwrap().cast(&DataType::UInt32).unwrap();
    c.u32().unwrap().iter().map(|x| x.unwrap()).collect()
}

fn strs(df: &DataFrame, column: &str) -> Vec<String> {
    let c = df.column(column).unwrap().cast(&DataType::String).unwrap();
    c.str()
        .unwrap()
        .iter()
        .map(|x| x.unwrap().to_string())
        .collect()
}

/// The rows of an agency workload table for the Liên minh Hợp tác xã as lead.
fn lien_minh_as_lead(path: &Path) -> DataFrame {
    parquet(path)
        .lazy()
        .filter(
            col("canonical")
                .eq(lit("Liên minh Hợp tác xã tỉnh Bình Thuận"))
                .and(col("role").eq(lit("lead"))),
        )
        .collect()
        .unwrap()
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
    assert!(summary.contains("\nread as: 5 utf-8\n"), "{summary}");
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
    // (table, rows): 5 files (525-TB-TU, huyen-uy-42, so-ct-356, tinh-uy-15, ubnd-120);
    // 7 + 3 + 3 + 4 + 3 directives (so-ct-356's closing "Sở Công Thương đề nghị các đơn
    // vị quan tâm, phối hợp thực hiện./." is one); 16 + 6 + 6 + 10 + 6 assignments;
    // recipients as listed.
    for (table, rows) in [
        ("documents", 5),
        ("directives", 20),
        ("assignments", 44),
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
    let w = lien_minh_as_lead(&out.join("agency_workload.parquet"));
    assert_eq!(u32s(&w, "directives"), [6]);
    assert_eq!(u32s(&w, "documents"), [1]);
    // issuer_summary: one row per (issuer, year, doc type); five documents in all.
    let s = parquet(&out.join("issuer_summary.parquet"));
    let counts = s
        .column("documents")
        .unwrap()
        .cast(&DataType::UInt32)
        .unwrap();
    let total: u32 = counts.u32().unwrap().sum().unwrap();
    assert_eq!(total, 5);
    // No temporary file is left behind: the only hidden entry is the row cache.
    for e in std::fs::read_dir(&out).unwrap() {
        let name = e.unwrap().file_name().to_string_lossy().into_owned();
        assert!(!name.starts_with('.') || name == ".vanban-cache", "{name}");
    }
    std::fs::remove_dir_all(&out).ok();
}

#[test]
fn aggregates_of_the_project_corpus() {
    let out = build_corpus("aggregates");
    // Lead × support, from the gold directives of corpus/ (tests/gold/directives.tsv):
    // nine pairs, each in one directive.
    let pairs = parquet(&out.join("agency_pairs.parquet"));
    assert_eq!(pairs.height(), 9);
    assert_eq!(u32s(&pairs, "directives"), vec![1; 9]);
    let lead = strs(&pairs, "lead");
    let support = strs(&pairs, "support");
    for (l, s) in [
        (
            "Liên minh Hợp tác xã tỉnh Bình Thuận",
            "Ủy ban nhân dân các huyện",
        ),
        (
            "Sở Kế hoạch và Đầu tư tỉnh Bình Thuận",
            "Sở Tài chính tỉnh Bình Thuận",
        ),
        (
            "Chi cục Quản lý thị trường tỉnh Ninh Thuận",
            "Công an tỉnh Ninh Thuận",
        ),
    ] {
        assert!(
            (0..9).any(|i| lead[i] == l && support[i] == s),
            "{l} × {s} missing"
        );
    }
    // Deadlines with a date, by month: 20/3/2019 (huyện ủy 42), 31/3/2017 (end of the
    // first quarter, tỉnh ủy 15), 30/8/2021 and 30/9/2021 (UBND 120), 28/2/2022 (Sở CT).
    let cal = parquet(&out.join("deadline_calendar.parquet"));
    assert_eq!(
        strs(&cal, "month"),
        [
            "2017-03-01",
            "2019-03-01",
            "2021-08-01",
            "2021-09-01",
            "2022-02-01"
        ]
    );
    assert_eq!(u32s(&cal, "directives"), vec![1; 5]);
    // Per year: the Liên minh leads 6 directives of 2008, all in the seed.
    let by_year = lien_minh_as_lead(&out.join("agency_workload_by_year.parquet"));
    assert_eq!(u32s(&by_year, "year"), [2008]);
    assert_eq!(u32s(&by_year, "directives"), [6]);
    // Built in five parts (one document each), the aggregates are added up part by part:
    // the same tables.
    let parts = out.with_extension("parts");
    let _ = std::fs::remove_dir_all(&parts);
    let corpus = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus");
    vanban_build(&[
        corpus,
        "--out",
        parts.to_str().unwrap(),
        "--checkpoint",
        "1",
    ]);
    for t in [
        "agency_workload",
        "agency_workload_by_year",
        "agency_pairs",
        "deadline_calendar",
        "issuer_summary",
    ] {
        let name = format!("{t}.csv");
        assert!(
            std::fs::read(out.join(&name)).unwrap() == std::fs::read(parts.join(&name)).unwrap(),
            "{t}: five parts ≠ one"
        );
    }
    std::fs::remove_dir_all(&out).ok();
    std::fs::remove_dir_all(&parts).ok();
}

#[test]
fn an_interrupted_build_leaves_no_partial_output_and_resumes() {
    let out = std::env::temp_dir().join(format!("vanban-build-resume-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    let corpus = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus");
    let o = out.to_str().unwrap();
    // Crash after the first checkpoint (2 of the 5 documents) of a first build: no table
    // is written at all.
    vanban_build_crashing(&[corpus, "--out", o, "--checkpoint", "2"]);
    assert!(table_files(&out).is_empty(), "{:?}", table_files(&out));
    // --resume parses only the 3 other documents, and writes what a fresh build writes.
    let summary = vanban_build(&[corpus, "--out", o, "--checkpoint", "2", "--resume"]);
    assert!(
        summary.contains("5 documents: 5 ok, 0 partial, 0 failed"),
        "{summary}"
    );
    assert!(
        summary.contains("3 parsed, 2 reused from an earlier build, 0 with the same bytes"),
        "{summary}"
    );
    let resumed = table_files(&out);
    let fresh_dir = build_corpus("fresh");
    let fresh = table_files(&fresh_dir);
    assert_eq!(resumed.len(), 22);
    // The same tables: CSV byte for byte, Parquet value for value (its row groups follow
    // the checkpoints).
    for ((name, a), (fresh_name, b)) in resumed.iter().zip(&fresh) {
        assert_eq!(name, fresh_name);
        if name.ends_with(".csv") {
            assert!(a == b, "{name}: resumed ≠ fresh build");
        } else {
            let (a, b) = (parquet(&out.join(name)), parquet(&fresh_dir.join(name)));
            assert!(a.equals_missing(&b), "{name}: resumed ≠ fresh build");
        }
    }
    // A crash during a later build leaves the earlier tables whole.
    vanban_build_crashing(&[corpus, "--out", o, "--checkpoint", "2"]);
    assert!(table_files(&out) == resumed);
    std::fs::remove_dir_all(&out).ok();
    std::fs::remove_dir_all(&fresh_dir).ok();
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
    std::fs::copy(
        concat!(env!("CARGO_MANIFEST_DIR"), "/corpus/525-TB-TU.txt"),
        dir.join("b.txt"),
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
    assert_eq!(docs.height(), 4);
    // a.txt and b.txt have the same bytes: two documents rows, one id, one set of the
    // seed's 7 directives.
    let ids = strs(&docs, "doc_id");
    assert_eq!(ids[0], ids[1]);
    assert_eq!(csv(&out.join("directives.csv")).height(), 7);
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

/// `--partition-by year`: each row table becomes a folder of the same name with one file
/// per document year (Hive style), holding the flat table's rows without the year
/// column; a flat build into the same folder replaces the partitions again.
#[test]
fn partitioned_by_year() {
    let flat = build_corpus("flat-for-partitions");
    let out = std::env::temp_dir().join(format!("vanban-build-years-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    let corpus = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus");
    let o = out.to_str().unwrap();
    vanban_build(&[corpus, "--out", o, "--partition-by", "year"]);
    // The five notices are dated 2008, 2016, 2019, 2021 and 2022.
    let years = |table: &str, ext: &str| -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(out.join(format!("{table}.{ext}")))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    };
    let five = [
        "year=2008",
        "year=2016",
        "year=2019",
        "year=2021",
        "year=2022",
    ];
    assert_eq!(years("documents", "parquet"), five);
    assert_eq!(years("directives", "csv"), five);
    // No diagnostics at all: an empty partition, so that the table still reads.
    assert_eq!(
        years("diagnostics", "parquet"),
        ["year=__HIVE_DEFAULT_PARTITION__"]
    );
    for table in [
        "documents",
        "sections",
        "directives",
        "assignments",
        "recipients",
    ] {
        let mut rows = 0;
        for y in years(table, "parquet") {
            let df = parquet(&out.join(format!("{table}.parquet/{y}/part-0.parquet")));
            assert!(
                df.column("year").is_err(),
                "{table}/{y} keeps a year column"
            );
            rows += df.height();
            let c = csv(&out.join(format!("{table}.csv/{y}/part-0.csv")));
            assert_eq!(c.height(), df.height(), "{table}/{y}");
        }
        let whole = parquet(&flat.join(format!("{table}.parquet")));
        assert_eq!(rows, whole.height(), "{table}");
    }
    // The seed is the only notice of 2008: its 7 directives (items 1/ to 7/ of part II).
    let d2008 = parquet(&out.join("directives.parquet/year=2008/part-0.parquet"));
    assert_eq!(d2008.height(), 7);
    // The aggregates stay single files, the same as a flat build's.
    assert_eq!(
        std::fs::read(out.join("agency_workload.csv")).unwrap(),
        std::fs::read(flat.join("agency_workload.csv")).unwrap()
    );
    // Built flat again: files, no partition folders left.
    vanban_build(&[corpus, "--out", o]);
    assert!(out.join("directives.parquet").is_file());
    assert!(!out.join(".partitions.partial").exists());
    std::fs::remove_dir_all(&out).ok();
    std::fs::remove_dir_all(&flat).ok();
}
