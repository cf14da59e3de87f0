//! Property test: generated notices of both dialects, in every layout and noise variant,
//! parse to the values they were generated with (src/synth.rs writes them from the format
//! rules, not from the parser).

#[test]
fn generated_notices_parse_to_their_expected_values() {
    let n = 1200;
    let mut failures = Vec::new();
    for i in 0..n {
        let s = vanban::synth::generate(2026 + i % 3, i);
        let doc = vanban::parse_text(&format!("synth-{i}"), &s.text);
        let diffs = vanban::synth::compare(&doc, &s.expected);
        if !diffs.is_empty() {
            failures.push(format!(
                "#{i} [{}]: {}",
                s.expected.layout,
                diffs.join("; ")
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {n} documents differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn vanban_synth_writes_documents_with_their_expected_values() {
    let dir = std::env::temp_dir().join(format!("vanban-synth-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(["synth", "--docs", "60", "--seed", "9", "--out"])
        .arg(&dir)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let jsonl = std::fs::read_to_string(dir.join("expected.jsonl")).unwrap();
    let lines: Vec<&str> = jsonl.lines().collect();
    assert_eq!(lines.len(), 60);
    for line in lines {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let file = v["file"].as_str().unwrap().to_string();
        let expected: vanban::synth::Expected = serde_json::from_value(v).unwrap();
        let doc = vanban::parse_file(&dir.join(&file));
        let diffs = vanban::synth::compare(&doc, &expected);
        assert!(diffs.is_empty(), "{file}: {}", diffs.join("; "));
    }
    std::fs::remove_dir_all(&dir).ok();
}
