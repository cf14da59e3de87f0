//! The documents the project writes into `corpus/` for what the real corpus lacks, each
//! with its expected tree, written from the document (they are short: read them).
//!
//! Body shapes are written compactly: a node is its marker (`I.`, `1-`, `a)`, `-`) or
//! `P` (paragraph), `B` (basis), `C` (closing paragraph), followed by `[…]` when it
//! holds children.

use vanban::tree::{Dialect, Node, NodeKind, Status};

fn parse(name: &str) -> vanban::Document {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("corpus")
        .join(name);
    vanban::parse_file(&path)
}

fn shape(nodes: &[Node]) -> String {
    nodes
        .iter()
        .map(|n| {
            let head = match (n.kind, &n.marker) {
                (NodeKind::Paragraph, _) => "P".to_string(),
                (NodeKind::Basis, _) => "B".to_string(),
                (NodeKind::Closing, _) => "C".to_string(),
                (_, Some(m)) => m.clone(),
                (_, None) => "?".to_string(),
            };
            if n.children.is_empty() {
                head
            } else {
                format!("{head}[{}]", shape(&n.children))
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn recipients(doc: &vanban::Document) -> Vec<&str> {
    doc.recipients.iter().map(|r| r.text.as_str()).collect()
}

/// A district committee body's notice: `1-` items, `K/T` signing, a TAB-separated
/// header whose `*` shares its line with the date, and a footer interleaved with TABs.
#[test]
fn district_notice_with_dash_items_and_kt() {
    let doc = parse("huyen-uy-42-TB-BTGHU.txt");
    assert_eq!(doc.status, Status::Ok, "{:?}", doc.diagnostics);
    let h = &doc.header;
    assert_eq!(h.dialect, Some(Dialect::Party));
    assert_eq!(h.issuer.as_deref(), Some("BAN TUYÊN GIÁO"));
    assert_eq!(h.issuer_parent.as_deref(), Some("HUYỆN ỦY ĐỨC LINH"));
    assert_eq!(h.reference.as_deref(), Some("42-TB/BTGHU"));
    assert_eq!(
        (h.type_code.as_deref(), h.issuer_code.as_deref()),
        (Some("TB"), Some("BTGHU"))
    );
    assert_eq!(h.place.as_deref(), Some("Đức Linh"));
    assert_eq!(h.date.as_deref(), Some("2019-03-05"));
    assert_eq!(
        h.title.as_deref(),
        Some("THÔNG BÁO kết luận của Thường trực Huyện ủy về công tác tuyên truyền quý I năm 2019")
    );
    assert_eq!(shape(&doc.body), "P 1- 2- 3- C");
    assert_eq!(
        recipients(&doc),
        vec![
            "Thường trực Huyện ủy (b/c)",
            "UBND huyện",
            "Trung tâm Văn hóa - Thông tin huyện",
            "Các chi, đảng bộ cơ sở",
            "Lưu Ban Tuyên giáo",
        ]
    );
    let s = doc.signature.unwrap();
    assert_eq!(s.authority.as_deref(), Some("K/T"));
    assert_eq!(s.on_behalf_of.as_deref(), Some("TRƯỞNG BAN"));
    assert_eq!(s.title.as_deref(), Some("PHÓ TRƯỞNG BAN"));
    assert_eq!(s.signed_marker.as_deref(), Some("(đã ký)"));
    assert_eq!(s.signer.as_deref(), Some("Nguyễn Văn Hùng"));
}

/// A `T/M` conclusion: header columns stacked, title over three lines ending with a
/// rule, roman sections with items and points, signature before `Nơi nhận`.
#[test]
fn provincial_conclusion_signed_tm() {
    let doc = parse("tinh-uy-15-KL-TU.txt");
    assert_eq!(doc.status, Status::Ok, "{:?}", doc.diagnostics);
    let h = &doc.header;
    assert_eq!(h.dialect, Some(Dialect::Party));
    assert_eq!(h.issuer.as_deref(), Some("TỈNH ỦY LÂM ĐỒNG"));
    assert_eq!(h.reference.as_deref(), Some("15-KL/TU"));
    assert_eq!(h.doc_type.as_deref(), Some("KL"));
    assert_eq!(h.date.as_deref(), Some("2016-11-09"));
    assert_eq!(h.place.as_deref(), Some("Đà Lạt"));
    assert_eq!(
        h.title.as_deref(),
        Some(
            "KẾT LUẬN của Ban Thường vụ Tỉnh ủy về việc đẩy mạnh phát triển du lịch giai đoạn \
             2016 - 2020"
        )
    );
    assert_eq!(shape(&doc.body), "P I.[P] II.[1.[a) b)] 2. 3.]");
    assert_eq!(doc.recipients.len(), 4);
    assert!(doc.recipients[3].archive);
    let s = doc.signature.unwrap();
    assert_eq!(s.authority.as_deref(), Some("T/M"));
    assert_eq!(s.on_behalf_of.as_deref(), Some("BAN THƯỜNG VỤ"));
    assert_eq!(s.title.as_deref(), Some("PHÓ BÍ THƯ THƯỜNG TRỰC"));
    assert_eq!(s.signer.as_deref(), Some("Trần Đức Quận"));
}

/// A state notice with `TM.` over `KT.`, the footer interleaved on TAB-separated lines,
/// CRLF line ends, new-style tone marks (`UỶ`, `HOÀ`) and en dashes in the motto.
#[test]
fn state_notice_tm_over_kt_interleaved_footer() {
    let doc = parse("ubnd-120-TB-UBND.txt");
    assert_eq!(doc.status, Status::Ok, "{:?}", doc.diagnostics);
    let h = &doc.header;
    assert_eq!(h.dialect, Some(Dialect::State));
    assert_eq!(h.issuer.as_deref(), Some("ỦY BAN NHÂN DÂN TỈNH BÌNH THUẬN"));
    assert_eq!(h.issuer_parent, None);
    assert_eq!(h.reference.as_deref(), Some("120/TB-UBND"));
    assert_eq!(h.date.as_deref(), Some("2021-08-12"));
    assert_eq!(
        h.title.as_deref(),
        Some(
            "THÔNG BÁO Kết luận của Chủ tịch Ủy ban nhân dân tỉnh tại buổi làm việc về tiến độ \
             giải ngân vốn đầu tư công"
        )
    );
    assert_eq!(shape(&doc.body), "P 1.[- -[+ +]] 2.[P] C");
    assert_eq!(
        recipients(&doc),
        vec![
            "Thường trực Tỉnh ủy (b/c)",
            "Chủ tịch, các PCT UBND tỉnh",
            "Sở Kế hoạch và Đầu tư",
            "Sở Tài chính",
            "UBND các huyện, thị xã, thành phố",
            "Lưu: VT, TH",
        ]
    );
    let s = doc.signature.unwrap();
    let auth: Vec<(&str, &str)> = s
        .authorities
        .iter()
        .map(|a| (a.prefix.as_str(), a.text.as_str()))
        .collect();
    assert_eq!(auth, vec![("TM.", "ỦY BAN NHÂN DÂN"), ("KT.", "CHỦ TỊCH")]);
    assert_eq!(s.title.as_deref(), Some("PHÓ CHỦ TỊCH"));
    assert_eq!(s.signed_marker.as_deref(), Some("(Đã ký)"));
    assert_eq!(s.signer.as_deref(), Some("Lê Tuấn Phong"));
    // Lines count the CRLF-terminated lines of the file.
    assert_eq!(doc.lines, 27);
}

/// A công văn: wrapped `V/v`, a `Kính gửi:` list, NBSP after `Số:`, decomposed Unicode in
/// the subject, the addressees and the signer's name, a head signing without authority.
#[test]
fn cong_van_with_addressees_and_decomposed_text() {
    let doc = parse("so-ct-356-SCT-QLTM.txt");
    assert_eq!(doc.status, Status::Ok, "{:?}", doc.diagnostics);
    let h = &doc.header;
    assert_eq!(h.issuer.as_deref(), Some("SỞ CÔNG THƯƠNG"));
    assert_eq!(h.issuer_parent.as_deref(), Some("UBND TỈNH NINH THUẬN"));
    assert_eq!(h.reference.as_deref(), Some("356/SCT-QLTM"));
    assert_eq!(
        (h.type_code.as_deref(), h.issuer_code.as_deref()),
        (None, Some("SCT-QLTM"))
    );
    assert_eq!(h.doc_type.as_deref(), Some("CV"));
    assert_eq!(h.place.as_deref(), Some("Phan Rang - Tháp Chàm"));
    assert_eq!(h.date.as_deref(), Some("2022-02-04"));
    assert_eq!(
        h.subject.as_deref(),
        Some("tăng cường kiểm tra, kiểm soát thị trường dịp trước, trong và sau Tết Nguyên đán")
    );
    assert_eq!(
        h.addressees,
        vec![
            "Chi cục Quản lý thị trường tỉnh",
            "Ủy ban nhân dân các huyện, thành phố"
        ]
    );
    assert_eq!(shape(&doc.body), "P a) b) C");
    assert_eq!(
        recipients(&doc),
        vec!["Như trên", "UBND tỉnh (b/c)", "Lưu: VT, QLTM"]
    );
    let s = doc.signature.unwrap();
    assert_eq!(s.authority, None);
    assert_eq!(s.title.as_deref(), Some("GIÁM ĐỐC"));
    assert_eq!(s.signer.as_deref(), Some("Nguyễn Văn Tuấn"));
}
