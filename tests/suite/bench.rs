//! `vanban bench` on the project's corpus: every stage is measured and reported next to
//! the newline count (the figures themselves are measurements, not asserted).

#[test]
fn bench_reports_every_stage() {
    let corpus = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus");
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(["bench", corpus, "--passes", "1"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(out.starts_with("5 documents, "), "{out}");
    for stage in [
        "newline count (the ceiling)",
        "decode",
        "normalize",
        "grammar (pest, typed lines)",
        "assemble (tree)",
        "extract (directives)",
        "parse: the five above",
        "rows",
        "DataFrames",
        "aggregates",
        "Parquet writing",
        "CSV writing",
        "pipeline to Parquet",
    ] {
        let line = out
            .lines()
            .find(|l| l.starts_with(stage))
            .unwrap_or_else(|| panic!("no {stage} line in\n{out}"));
        // seconds, MB/s, documents/s, × ceiling: four numbers.
        let numbers = line[stage.len()..]
            .split_whitespace()
            .filter(|w| w.parse::<f64>().is_ok())
            .count();
        assert_eq!(numbers, 4, "{line}");
    }
}
