//! Word files: the project's own notices saved as .docx (tests/fixtures/docx, written by
//! make_docx.py from corpus/*.txt) parse to the same trees as their text; damaged and
//! hostile archives get a `failed` document with the reason.

use std::io::Write;
use std::path::Path;
use vanban::Status;

use crate::common;

/// The tree without what depends on bytes rather than content.
fn content(doc: &vanban::Document) -> serde_json::Value {
    common::json_without(doc, &common::BYTE_FIELDS)
}

#[test]
fn word_and_text_versions_give_equal_trees() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut compared = 0;
    for f in std::fs::read_dir(root.join("tests/fixtures/docx")).unwrap() {
        let docx = f.unwrap().path();
        if docx.extension().is_none_or(|e| e != "docx") {
            continue;
        }
        let stem = docx.file_stem().unwrap().to_string_lossy().to_string();
        let txt = root.join("corpus").join(format!("{stem}.txt"));
        if !txt.exists() {
            continue; // a Word-only case (numbered-by-style.docx)
        }
        let a = vanban::parse_file(&docx);
        let b = vanban::parse_file(&txt);
        assert_eq!(a.source, "docx");
        assert_eq!(a.status, Status::Ok, "{stem}: {:?}", a.diagnostics);
        assert_eq!(content(&a), content(&b), "{stem}");
        compared += 1;
    }
    assert_eq!(compared, 4);
}

fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    let mut z = zip::ZipWriter::new(&mut out);
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in entries {
        z.start_file(*name, opts).unwrap();
        z.write_all(bytes).unwrap();
    }
    z.finish().unwrap();
    out.into_inner()
}

#[test]
fn damaged_and_hostile_archives_are_refused_with_the_reason() {
    let reason = |bytes: &[u8]| {
        let doc = vanban::parse_bytes("x.docx", bytes);
        assert_eq!(doc.status, Status::Failed);
        doc.diagnostics[0].message.clone()
    };
    // A zip bomb: 100 MiB of spaces inside document.xml inflate past the bound.
    let bomb = zip_of(&[("word/document.xml", &[b' '; 100 << 20][..])]);
    assert!(bomb.len() < 1 << 20);
    assert!(reason(&bomb).contains("zip bomb"), "{}", reason(&bomb));
    // A Word file cut in half.
    let whole = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/docx/ubnd-120-TB-UBND.docx"),
    )
    .unwrap();
    assert!(reason(&whole[..whole.len() / 2]).contains("cannot be read"));
    // Archives that are not Word documents.
    assert!(reason(&zip_of(&[("content.xml", b"<x/>")])).contains(".odt"));
    assert!(reason(&zip_of(&[("a.txt", b"hello")])).contains("unpack"));
    // Broken XML gives the byte where it breaks.
    let broken = zip_of(&[("word/document.xml", b"<w:document><w:body><w:p></w:body>")]);
    assert!(reason(&broken).contains("not well-formed XML at byte"));
    // Formats to convert first.
    assert!(reason(b"%PDF-1.7\n...").contains("pdftotext"));
    assert!(reason(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0]).contains("antiword"));
}

/// A web page of a notice, laid out as legal-text sites do: the header and footer
/// columns as a table of two cells holding their lines as paragraphs, other lines as
/// paragraphs (an empty one for a blank line).
fn html_of(text: &str) -> String {
    let esc = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;");
    let mut out = String::from(
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>x</title></head><body>\n",
    );
    let lines: Vec<&str> = text.lines().map(|l| l.trim_end_matches('\r')).collect();
    let mut i = 0;
    while i < lines.len() {
        if !lines[i].contains('\t') {
            out += &format!("<p>{}</p>\n", esc(lines[i]));
            i += 1;
            continue;
        }
        let start = i;
        while i < lines.len() && lines[i].contains('\t') {
            i += 1;
        }
        let rows: Vec<Vec<&str>> = lines[start..i]
            .iter()
            .map(|l| l.split('\t').collect())
            .collect();
        let width = rows.iter().map(Vec::len).max().unwrap_or(0);
        out += "<table><tr>";
        for c in 0..width {
            out += "<td>";
            for r in &rows {
                out += &format!("<p>{}</p>", esc(r.get(c).copied().unwrap_or("")));
            }
            out += "</td>";
        }
        out += "</tr></table>\n";
    }
    out + "</body></html>\n"
}

#[test]
fn web_page_and_text_versions_give_equal_trees() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    for name in [
        "huyen-uy-42-TB-BTGHU",
        "tinh-uy-15-KL-TU",
        "ubnd-120-TB-UBND",
        "so-ct-356-SCT-QLTM",
    ] {
        let text = std::fs::read_to_string(root.join(format!("{name}.txt"))).unwrap();
        let a = vanban::parse_bytes(name, html_of(&text).as_bytes());
        let b = vanban::parse_bytes(name, text.as_bytes());
        assert_eq!(a.source, "html");
        assert_eq!(a.status, Status::Ok, "{name}: {:?}", a.diagnostics);
        assert_eq!(content(&a), content(&b), "{name}");
    }
}

/// Items numbered by Word's "List Number" style and points in "List Bullet" (the numbers
/// are drawn by Word, not typed: make_docx.py's `write_numbered`) are read with the
/// markers a reader sees.
#[test]
fn numbers_drawn_by_list_styles_are_read() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/docx/numbered-by-style.docx");
    let doc = vanban::parse_file(&path);
    assert_eq!(doc.status, Status::Ok, "{:?}", doc.diagnostics);
    use vanban::tree::NodeKind::*;
    let items: Vec<_> = doc
        .walk()
        .iter()
        .map(|n| (n.kind, n.marker.as_deref()))
        .collect();
    assert_eq!(
        items,
        [
            (Paragraph, None),
            (Item, Some("1.")),
            (Item, Some("2.")),
            (Bullet, Some("-")),
            (Bullet, Some("-")),
            (Closing, None),
        ]
    );
    let first = &doc.body[1];
    let d = first.directive.as_ref().unwrap();
    assert_eq!(
        d.deadline.as_ref().and_then(|x| x.end.as_deref()),
        Some("2022-03-15")
    );
    assert_eq!(
        doc.signature.as_ref().and_then(|s| s.signer.as_deref()),
        Some("Nguyễn Văn Phong")
    );
}
