//! Bad input: a clear error or a partial tree with diagnostics at the right line and
//! column, never a panic, and the `check` command's compiler-style output.

use std::process::Command;
use vanban::tree::{Severity, Status};

/// A công văn whose Số line is broken (`12/-UBND`: no code after the slash).
const BROKEN: &str = "UBND TỈNH LÀO CAI\nSỞ CÔNG THƯƠNG\nSố: 12/-UBND\tLào Cai, ngày 05 tháng 01 năm 2020\nV/v thử nghiệm\n\nNội dung công văn.\n";

#[test]
fn a_broken_number_line_gives_a_partial_tree_pointing_at_it() {
    let doc = vanban::parse_text("broken.txt", BROKEN);
    assert_eq!(doc.status, Status::Partial);
    // What did read is kept.
    assert_eq!(doc.header.issuer.as_deref(), Some("SỞ CÔNG THƯƠNG"));
    assert_eq!(doc.header.date.as_deref(), Some("2020-01-05"));
    assert_eq!(doc.header.subject.as_deref(), Some("thử nghiệm"));
    assert_eq!(doc.body.len(), 1);
    let w = doc
        .diagnostics
        .iter()
        .find(|d| d.severity == Severity::Warning)
        .expect("a warning on the Số line");
    // "Số: 12/" is 7 letters: the grammar stopped at the 8th, the `-`.
    assert_eq!((w.line, w.column), (3, 8));
    assert!(
        w.expected.iter().any(|e| e.contains("code")),
        "{:?}",
        w.expected
    );
    assert!(
        doc.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error && d.message.contains("number and symbol"))
    );
}

#[test]
fn columns_count_letters_whether_marks_are_composed_or_not() {
    use unicode_normalization::UnicodeNormalization;
    let nfd: String = BROKEN.nfd().collect();
    assert_ne!(nfd.len(), BROKEN.len());
    let doc = vanban::parse_text("broken-nfd.txt", &nfd);
    let w = doc
        .diagnostics
        .iter()
        .find(|d| d.severity == Severity::Warning)
        .unwrap();
    assert_eq!((w.line, w.column), (3, 8));
    assert_eq!(doc.header.issuer.as_deref(), Some("SỞ CÔNG THƯƠNG"));
}

#[test]
fn unreadable_input_fails_with_a_reason() {
    let empty = vanban::parse_bytes("empty.txt", b"");
    assert_eq!(empty.status, Status::Failed);
    assert!(empty.diagnostics[0].message.contains("empty"));
    let png = vanban::parse_bytes(
        "x.png",
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0",
    );
    assert_eq!(png.status, Status::Failed);
    assert!(png.diagnostics[0].message.contains("not a text file"));
    let missing = vanban::parse_file(std::path::Path::new("/nonexistent/vanban/x.txt"));
    assert_eq!(missing.status, Status::Failed);
    assert!(missing.diagnostics[0].message.contains("cannot read"));
}

#[test]
fn a_truncated_file_still_parses_and_says_what_was_replaced() {
    let seed = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/corpus/525-TB-TU.txt")).unwrap();
    // Cut inside the last letter of "Huỳnh": a multi-byte sequence is left incomplete.
    let cut = seed.windows(3).rposition(|w| w == "ỳ".as_bytes()).unwrap() + 2;
    let doc = vanban::parse_bytes("cut.txt", &seed[..cut]);
    assert_ne!(doc.status, Status::Failed);
    assert_eq!(doc.header.reference.as_deref(), Some("525-TB/TU"));
    assert_eq!(doc.recipients.len(), 7);
    let d = &doc.diagnostics[0];
    assert!(d.message.contains("invalid UTF-8"), "{:?}", doc.diagnostics);
    assert_eq!(d.line, 87);
}

#[test]
fn hostile_shapes_do_not_panic() {
    // Deeply numbered items, 100,000 bullets, one very long line, stray control bytes.
    let deep: String = (1..=2000)
        .map(|n| format!("{}. x\n", vec!["1"; n.min(300)].join(".")))
        .collect();
    let bullets = "- a\n+ b\n• c\n".repeat(33_334);
    let long = "Số ".repeat(400_000);
    let controls = "\u{1}\u{2}Số: 1/\u{7}QĐ\tngày\u{0}\n".repeat(100);
    for (name, text) in [
        ("deep", deep),
        ("bullets", bullets),
        ("long", long),
        ("controls", controls),
    ] {
        let doc = vanban::parse_text(name, &text);
        assert_ne!(doc.status, Status::Failed, "{name}");
        serde_json::to_string(&doc).unwrap();
    }
}

/// Nesting is kept shallow whatever the input: 100,000 bullets, each indented deeper and
/// with another marker than the one before.
#[test]
fn nested_bullets_make_a_shallow_tree() {
    let markers = ["-", "+", "•", "*", "o", "–", "a)", "1.", "(1)", "i)"];
    let text: String = (0..100_000)
        .map(|k| {
            format!(
                "{}{} mục {k}\n",
                " ".repeat(k % 200),
                markers[k % markers.len()]
            )
        })
        .collect();
    let doc = vanban::parse_text("nested", &text);
    fn depth(nodes: &[vanban::tree::Node]) -> usize {
        nodes
            .iter()
            .map(|n| 1 + depth(&n.children))
            .max()
            .unwrap_or(0)
    }
    assert!(depth(&doc.body) <= 33, "depth {}", depth(&doc.body));
    assert_eq!(doc.lines, 100_000);
    assert!(doc.walk().len() > 50_000, "{} nodes", doc.walk().len());
    serde_json::to_string(&doc).unwrap();
}

/// A file over the size of any document is refused from its size, before it is read.
#[test]
fn oversized_files_are_refused_before_reading() {
    let dir = std::env::temp_dir().join(format!("vanban-big-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("dump.txt");
    // 200 MB, sparse: nothing is written, only the size is set.
    std::fs::File::create(&path)
        .unwrap()
        .set_len(200 << 20)
        .unwrap();
    let doc = vanban::parse_file(&path);
    assert_eq!(doc.status, Status::Failed);
    assert!(doc.diagnostics[0].message.contains("split it"));
    assert_eq!(doc.bytes, 200 << 20);
    // The same limit for bytes given directly.
    let big = vec![b'a'; (vanban::MAX_INPUT + 1) as usize];
    assert_eq!(vanban::parse_bytes("big", &big).status, Status::Failed);
    std::fs::remove_dir_all(&dir).ok();
}

fn vanban_cmd(args: &[&str]) -> (String, i32) {
    let out = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(args)
        .output()
        .unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        out.status.code().unwrap_or(-1),
    )
}

#[test]
fn check_prints_file_line_col_the_line_and_a_caret() {
    let dir = std::env::temp_dir().join(format!("vanban-check-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("broken.txt");
    std::fs::write(&path, BROKEN).unwrap();
    let (out, code) = vanban_cmd(&["check", path.to_str().unwrap()]);
    assert_eq!(code, 1, "a partial document makes check fail");
    let head = format!("{}:3:8: warning: ", path.display());
    let at = out.find(&head).unwrap_or_else(|| panic!("{out}"));
    let block: Vec<&str> = out[at..].lines().take(5).collect();
    assert_eq!(
        block[2],
        "3 | Số: 12/-UBND\tLào Cai, ngày 05 tháng 01 năm 2020"
    );
    assert_eq!(block[3], "  |        ^");
    assert!(block[4].starts_with("  = expected: "));
    assert!(
        out.trim_end()
            .ends_with("1 documents: 0 ok, 1 partial, 0 failed")
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn parse_json_prints_one_object_per_document() {
    let corpus = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus");
    let (out, code) = vanban_cmd(&["parse", "--json", corpus]);
    assert_eq!(code, 0, "every project document parses ok");
    let docs: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let n = std::fs::read_dir(corpus)
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "txt")
        })
        .count();
    assert_eq!(docs.len(), n);
    for d in &docs {
        assert_eq!(d["status"], "ok", "{}", d["file"]);
        assert!(d["header"]["reference"].is_string());
    }
}

/// A scan whose number and day were written by hand: OCR reads signs there ("⁄‡6",
/// "Â4‡"). The place, the month, the year and the symbol are read; the number and the
/// date are null, with a note, never digits that cannot be trusted.
#[test]
fn a_handwritten_number_and_day_give_null_not_a_wrong_value() {
    let text = "ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\
                TỈNH QUẢNG NGÃI\tĐộc lập - Tự do - Hạnh phúc\n\
                Số:⁄‡6 /CT-UBND\tCân Thơ, ngày Â4‡ tháng 12 năm 2021\n\
                CHỈ THỊ\nVề việc đón Tết\n\nGiao Sở Tài chính bố trí kinh phí.\n";
    let doc = vanban::parse_text("scan.txt", text);
    let h = &doc.header;
    assert_eq!(h.reference.as_deref(), Some("/CT-UBND"));
    assert_eq!(h.number, None);
    assert_eq!(h.type_code.as_deref(), Some("CT"));
    // The place as the country names it, restored from OCR's "Cân Thơ".
    assert_eq!(h.place.as_deref(), Some("Cần Thơ"));
    assert_eq!(h.date, None);
    assert!(
        doc.diagnostics
            .iter()
            .any(|d| d.message.contains("could not be read")),
        "{:?}",
        doc.diagnostics
    );
}
