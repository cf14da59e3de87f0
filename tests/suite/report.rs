//! `vanban report` on a build of the project's own corpus: the figures on the page are
//! those read off the five documents (and tests/gold/directives.tsv).

use std::process::Command;

fn vanban(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn report_of_the_project_corpus() {
    let out = std::env::temp_dir().join(format!("vanban-report-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    let o = out.to_str().unwrap();
    let corpus = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus");
    assert!(vanban(&["build", corpus, "--out", o]).status.success());
    let r = vanban(&["report", o]);
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    let page = std::fs::read_to_string(out.join("report.html")).unwrap();
    assert!(page.contains("Tasks assigned in 5 documents"));
    assert!(page.contains("documents dated 2008–2022"));
    // The agency chart opens with the Liên minh Hợp tác xã: 7 directives of the seed
    // name it (1/ to 6/ as lead, 7/ as addressee).
    let first = page.find("<svg").unwrap();
    let agencies = &page[first..];
    let row = agencies
        .find("<title>Liên minh Hợp tác xã tỉnh Bình Thuận</title>")
        .unwrap();
    let next = agencies
        .find("<title>Ủy ban nhân dân tỉnh Bình Thuận</title>")
        .unwrap();
    assert!(row < next, "Liên minh first");
    assert!(
        agencies[row..next].contains("class=\"value\">7<"),
        "its bar says 7"
    );
    // Documents per year: one each in 2008, 2016, 2019, 2021 and 2022.
    for y in ["2008", "2016", "2019", "2021", "2022"] {
        assert!(page.contains(&format!("<title>{y}: 1</title>")), "{y}");
    }
    assert!(page.contains("<title>2010: 0</title>"));
    // Deadlines with a date: March 2017, March 2019, August and September 2021, February
    // 2022 (the gold deadlines).
    for m in ["2017-03", "2019-03", "2021-08", "2021-09", "2022-02"] {
        assert!(page.contains(&format!("<title>{m}: 1</title>")), "{m}");
    }
    assert!(page.contains("5 directives fall due in 2017-03 – 2022-02"));
    // Self-contained: no script, no file or address to fetch.
    assert!(!page.contains("<script") && !page.contains("src=") && !page.contains("href="));
    std::fs::remove_dir_all(&out).ok();
}

#[test]
fn report_of_a_folder_without_tables_says_what_to_do() {
    let dir = std::env::temp_dir().join(format!("vanban-report-empty-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let r = vanban(&["report", dir.to_str().unwrap()]);
    assert!(!r.status.success());
    let err = String::from_utf8_lossy(&r.stderr);
    assert!(
        err.contains("no documents.parquet or documents.csv"),
        "{err}"
    );
    assert!(err.contains("vanban build"), "{err}");
    assert!(!dir.join("report.html").exists());
    std::fs::remove_dir_all(&dir).ok();
}
