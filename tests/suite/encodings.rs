//! The project's own notices, encoded with the project's tables in each encoding
//! `vanban` reads, are detected and parse to the same trees as their UTF-8 text.

use std::path::Path;
use vanban::decode::{Encoding, encode};

use crate::common;

/// The tree without what depends on bytes (`common::BYTE_FIELDS`; also the offsets `at`
/// inside directives, as the encodings write different bytes) and without the note saying
/// which encoding was detected.
fn content(doc: &vanban::Document) -> serde_json::Value {
    let mut doc = doc.clone();
    doc.diagnostics
        .retain(|d| !d.message.starts_with("not UTF-8"));
    let mut drop = common::BYTE_FIELDS.to_vec();
    drop.push("at");
    common::json_without(&doc, &drop)
}

fn notices() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut out: Vec<(String, String)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|f| f.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            (p.file_name().unwrap().to_string_lossy().to_string(), text)
        })
        .collect();
    out.sort();
    assert_eq!(out.len(), 5);
    out
}

#[test]
fn every_encoding_is_detected_and_gives_the_same_tree() {
    for (name, text) in notices() {
        let utf8 = vanban::parse_bytes(&name, text.as_bytes());
        let mut bom_le = vec![0xFF, 0xFE];
        bom_le.extend(encode(&text, Encoding::Utf16Le));
        let cases = [
            (encode(&text, Encoding::Utf16Le), "utf-16le"),
            (encode(&text, Encoding::Utf16Be), "utf-16be"),
            (bom_le, "utf-16le"),
            (encode(&text, Encoding::Windows1258), "windows-1258"),
            (encode(&text, Encoding::Vni), "vni"),
        ];
        for (bytes, source) in cases {
            let doc = vanban::parse_bytes(&name, &bytes);
            assert_eq!(doc.source, source, "{name}");
            assert_eq!(content(&doc), content(&utf8), "{name} in {source}");
        }
    }
}

/// TCVN3 has no capital toned vowels (a typist switched to the .VnTimeH font for them,
/// and plain text loses the font): capital words come back whole, but a capital toned
/// vowel at the start of a word in running text comes back small ("Ủy ban" → "ủy ban").
/// What the header and signature hold is still read as in UTF-8.
#[test]
fn tcvn3_reads_headers_and_signatures_as_utf8_does() {
    for (name, text) in notices() {
        let utf8 = vanban::parse_bytes(&name, text.as_bytes());
        let doc = vanban::parse_bytes(&name, &encode(&text, Encoding::Tcvn3));
        assert_eq!(doc.source, "tcvn3", "{name}");
        let (a, b) = (&doc.header, &utf8.header);
        assert_eq!(a.reference, b.reference, "{name}");
        assert_eq!(a.date, b.date, "{name}");
        assert_eq!(a.issuer, b.issuer, "{name}");
        assert_eq!(a.doc_type, b.doc_type, "{name}");
        let sig = |d: &vanban::Document| {
            d.signature
                .as_ref()
                .map(|s| (s.authority.clone(), s.title.clone(), s.signer.clone()))
        };
        assert_eq!(sig(&doc), sig(&utf8), "{name}");
        assert_eq!(doc.recipients.len(), utf8.recipients.len(), "{name}");
        assert_eq!(doc.walk().len(), utf8.walk().len(), "{name}");
    }
}

#[test]
fn named_encoding_overrides_detection_and_nonsense_is_refused() {
    let (name, text) = &notices()[0];
    let vni = encode(text, Encoding::Vni);
    let g = vanban::extract::Gazetteer::builtin();
    let mut t = vanban::StageTimes::default();
    let doc = vanban::parse_bytes_as(name, &vni, Some(Encoding::Vni), g, &mut t);
    assert_eq!(doc.source, "vni");
    assert!(
        doc.diagnostics
            .iter()
            .all(|d| !d.message.starts_with("not UTF-8"))
    );
    // Random high bytes read as no encoding: refused, saying what to do.
    let noise: Vec<u8> = (0..4000u32)
        .map(|i| (0x80 + (i * 37 % 127)) as u8)
        .collect();
    let doc = vanban::parse_bytes("noise.txt", &noise);
    assert_eq!(doc.status, vanban::Status::Failed);
    assert!(doc.diagnostics[0].message.contains("--encoding"));
}
