//! The reference notice 525-TB/TU (Bình Thuận Provincial Party Committee, 21/7/2008):
//! the values of design.md's table, read off the document, and a snapshot of its tree.

use serde_json::Value;
use vanban::tree::{NodeKind, Status};

const SEED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus/525-TB-TU.txt");

fn seed() -> vanban::Document {
    let mut doc = vanban::parse_file(std::path::Path::new(SEED));
    doc.file = "corpus/525-TB-TU.txt".into();
    doc
}

#[test]
fn header_matches_the_design_table() {
    let doc = seed();
    let h = &doc.header;
    assert_eq!(doc.status, Status::Ok, "{:?}", doc.diagnostics);
    assert!(doc.diagnostics.is_empty());
    assert_eq!(h.dialect, Some(vanban::tree::Dialect::Party));
    assert_eq!(h.issuer.as_deref(), Some("TỈNH ỦY BÌNH THUẬN"));
    assert_eq!(h.issuer_parent, None);
    assert_eq!(h.reference.as_deref(), Some("525-TB/TU"));
    assert_eq!(h.number.as_deref(), Some("525"));
    assert_eq!(h.type_code.as_deref(), Some("TB"));
    assert_eq!(h.issuer_code.as_deref(), Some("TU"));
    assert_eq!(h.doc_type.as_deref(), Some("TB"));
    assert_eq!(h.place.as_deref(), Some("Phan Thiết"));
    assert_eq!(h.date.as_deref(), Some("2008-07-21"));
    assert_eq!(
        h.title.as_deref(),
        Some(
            "THÔNG BÁO KẾT LUẬN CỦA THƯỜNG TRỰC TỈNH ỦY tại buổi làm việc với Liên minh Hợp tác \
             xã tỉnh, về tình hình thực hiện nhiệm vụ 6 tháng đầu năm và phương hướng, nhiệm vụ \
             những tháng cuối năm 2008"
        )
    );
}

#[test]
fn body_has_two_sections_and_seven_directives() {
    let doc = seed();
    let sections: Vec<_> = doc
        .body
        .iter()
        .filter(|n| n.kind == NodeKind::Section)
        .collect();
    assert_eq!(sections.len(), 2);
    assert_eq!(sections[0].marker.as_deref(), Some("I-"));
    assert_eq!(sections[1].marker.as_deref(), Some("II-"));
    // Section I: an opening paragraph, 4 bullets, "Tuy nhiên …", 4 bullets.
    let kinds: Vec<NodeKind> = sections[0].children.iter().map(|n| n.kind).collect();
    use NodeKind::{Bullet as B, Paragraph as P};
    assert_eq!(kinds, vec![P, B, B, B, B, P, B, B, B, B]);
    let items = &sections[1].children;
    assert_eq!(items.len(), 7);
    for (i, item) in items.iter().enumerate() {
        assert_eq!(item.kind, NodeKind::Item);
        assert_eq!(item.marker.as_deref(), Some(format!("{}/", i + 1).as_str()));
    }
    assert!(
        items[0]
            .text
            .starts_with("Tiếp tục triển khai và tổ chức thực hiện")
    );
    assert!(
        items[5]
            .text
            .starts_with("Một số vấn đề Liên minh Hợp tác xã Bình Thuận kiến nghị")
    );
    // The opening paragraph before section I, and the closing one with its ./. mark.
    assert_eq!(doc.body.first().unwrap().kind, NodeKind::Paragraph);
    let closing = doc.body.last().unwrap();
    assert_eq!(closing.kind, NodeKind::Closing);
    assert!(closing.text.starts_with("Căn cứ Thông báo kết luận này"));
    assert!(closing.text.ends_with("theo dõi, chỉ đạo./."));
}

#[test]
fn recipients_and_signature() {
    let doc = seed();
    let r: Vec<&str> = doc.recipients.iter().map(|r| r.text.as_str()).collect();
    assert_eq!(
        r,
        vec![
            "Đảng đoàn HĐND tỉnh",
            "Ban Cán sự Đảng UBND tỉnh",
            "Các sở, ban, ngành liên quan",
            "Đảng ủy khối cơ quan Dân chính Đảng",
            "Liên minh Hợp tác xã tỉnh",
            "Các đồng chí Ủy viên Ban Thường vụ Tỉnh ủy",
            "Lưu Văn phòng Tỉnh ủy",
        ]
    );
    assert!(doc.recipients[6].archive);
    assert!(doc.recipients[..6].iter().all(|r| !r.archive));
    let s = doc.signature.as_ref().unwrap();
    assert_eq!(s.authority.as_deref(), Some("T/L"));
    assert_eq!(s.on_behalf_of.as_deref(), Some("BAN THƯỜNG VỤ"));
    assert_eq!(s.title.as_deref(), Some("PHÓ CHÁNH VĂN PHÒNG"));
    assert_eq!(s.signed_marker.as_deref(), Some("(đã ký và đóng dấu)"));
    assert_eq!(s.signer.as_deref(), Some("Huỳnh Đa Trung"));
}

#[test]
fn spans_point_at_the_source_lines() {
    let doc = seed();
    let text = std::fs::read_to_string(SEED).unwrap();
    let h = &doc.header;
    let at = |s: vanban::tree::Span| &text[s.start..s.end];
    assert_eq!(at(h.spans.reference.unwrap()), "Số 525-TB/TU");
    assert_eq!(h.spans.reference.unwrap().line, 3);
    assert_eq!(
        at(h.spans.date.unwrap()),
        "Phan Thiết, ngày 21 tháng 7 năm 2008"
    );
    assert_eq!(h.spans.date.unwrap().line, 8);
    let items = &doc.body[2].children;
    assert_eq!(items[6].span.line, 61);
    assert!(at(items[6].span).starts_with("7/ Qua thực tế"));
    assert_eq!(doc.recipients[0].span.line, 67);
    assert_eq!(doc.signature.as_ref().unwrap().span.line, 81);
}

/// The whole tree, as JSON. The snapshot was reviewed against the document line by line;
/// regenerate it with `UPDATE_SNAPSHOTS=1 cargo test --test seed` and review the diff.
#[test]
fn snapshot_of_the_whole_tree() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/snapshots/525-TB-TU.json"
    );
    let actual = serde_json::to_value(seed()).unwrap();
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(path, serde_json::to_string_pretty(&actual).unwrap() + "\n").unwrap();
    }
    let expected: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    assert_eq!(
        actual, expected,
        "the seed's tree changed: review, then UPDATE_SNAPSHOTS=1"
    );
}
