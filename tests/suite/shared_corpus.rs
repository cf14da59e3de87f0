//! Expected values read off real documents of `../shared/corpus` (not produced by running
//! vanban): header fields, number of recipients, signature parts. One document per row;
//! `ANY` leaves a field unchecked, `NULL` expects it absent.
//!
//! Skipped, with a message, when `../shared/corpus` is absent (a fresh clone has none).

// Rows that set every field keep `..E` for uniformity with the others.
#![allow(clippy::needless_update)]

use std::path::PathBuf;
use vanban::tree::Status;

const ANY: &str = "*";
const NULL: &str = "";

struct Expect {
    file: &'static str,
    /// What kind of text it is, for the failure message.
    layout: &'static str,
    issuer: &'static str,
    parent: &'static str,
    reference: &'static str,
    place: &'static str,
    date: &'static str,
    doc_type: &'static str,
    recipients: Option<usize>,
    authority: &'static str,
    on_behalf_of: &'static str,
    title: &'static str,
    signer: &'static str,
}

const E: Expect = Expect {
    file: "",
    layout: "",
    issuer: ANY,
    parent: ANY,
    reference: ANY,
    place: ANY,
    date: ANY,
    doc_type: ANY,
    recipients: None,
    authority: ANY,
    on_behalf_of: ANY,
    title: ANY,
    signer: ANY,
};

const EXPECTED: &[Expect] = &[
    Expect {
        file: "laocai-sct/0214.txt",
        layout: "docx, thông báo kết luận, draft number and day",
        issuer: "VĂN PHÒNG",
        parent: "UBND TỈNH LÀO CAI",
        reference: "/TB-VP",
        place: "Lào Cai",
        date: NULL,
        doc_type: "TB",
        recipients: Some(10),
        authority: NULL,
        title: "CHÁNH VĂN PHÒNG",
        signer: "Lê Trí Hà",
        ..E
    },
    Expect {
        file: "laocai-sct/0228.txt",
        layout: "Party công văn, pdftotext -layout columns",
        issuer: "ĐẢNG ỦY ỦY BAN NHÂN DÂN TỈNH",
        parent: "ĐẢNG BỘ TỈNH LÀO CAI",
        reference: "2449-CV/ĐU",
        place: "Lào Cai",
        date: "2026-09-07",
        doc_type: "CV",
        recipients: Some(6),
        authority: "T/M",
        on_behalf_of: "BAN THƯỜNG VỤ",
        title: "PHÓ BÍ THƯ",
        signer: "Nguyễn Hữu Long",
        ..E
    },
    Expect {
        file: "laocai-sct/0230.txt",
        layout: "Party kết luận, tesseract OCR",
        issuer: "BAN CHẤP HÀNH TRUNG ƯƠNG",
        reference: "75-KL/TW",
        place: "Hà Nội",
        date: "2026-07-28",
        doc_type: "KL",
        recipients: Some(6),
        authority: "T/M",
        ..E
    },
    Expect {
        file: "laocai-sct/0073.txt",
        layout: "antiword boxes, draft",
        issuer: "CỤC HÓA CHẤT",
        parent: "BỘ CÔNG THƯƠNG",
        reference: "/HC-QLHC",
        place: "Hà Nội",
        date: NULL,
        doc_type: "CV",
        recipients: Some(3),
        authority: "KT.",
        on_behalf_of: "CỤC TRƯỞNG",
        title: "PHÓ CỤC TRƯỞNG",
        signer: "Vương Thành Chung",
        ..E
    },
    Expect {
        file: "laocai-sct/0183.txt",
        layout: "antiword boxes with an empty middle column, draft",
        issuer: "SỞ CÔNG THƯƠNG",
        parent: "UBND TỈNH LÀO CAI",
        reference: "/SCT-KT",
        place: "Lào Cai",
        date: NULL,
        doc_type: "CV",
        recipients: Some(2),
        authority: "KT.",
        on_behalf_of: "GIÁM ĐỐC",
        title: "PHÓ GIÁM ĐỐC",
        signer: "Phan Văn Cương",
        ..E
    },
    Expect {
        file: "laocai-sct/0105.txt",
        layout: "pdftotext -layout, wrapped V/v",
        issuer: "SỞ CÔNG THƯƠNG",
        parent: "UBND TỈNH LÀO CAI",
        reference: "1629/SCT-CN",
        place: "Lào Cai",
        date: "2026-03-27",
        doc_type: "CV",
        recipients: Some(4),
        authority: "KT.",
        on_behalf_of: "GIÁM ĐỐC",
        title: "PHÓ GIÁM ĐỐC",
        signer: "Hoàng Văn Thuân",
        ..E
    },
    Expect {
        file: "laocai-sct/0122.txt",
        layout: "pdftotext text, footer columns interleaved",
        issuer: "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG",
        parent: "UBND TỈNH LÀO CAI",
        reference: "5141/SNNMT-KS",
        place: "Lào Cai",
        date: "2025-12-29",
        doc_type: "CV",
        recipients: Some(5),
        authority: "KT.",
        on_behalf_of: "GIÁM ĐỐC",
        title: "PHÓ GIÁM ĐỐC",
        signer: "Phạm Năng Chung",
        ..E
    },
    Expect {
        file: "laocai-sct/0062.txt",
        layout: "pdftotext quyết định, issuer wrapped over two lines, misprinted date",
        issuer: "ỦY BAN NHÂN DÂN TỈNH LÀO CAI",
        parent: NULL,
        reference: "1696/QĐ-UBND",
        place: "Lào Cai",
        // Printed "ngày15 tháng 54 năm 2026": no such date.
        date: NULL,
        doc_type: "QĐ",
        recipients: Some(9),
        authority: "TM.",
        on_behalf_of: "ỦY BAN NHÂN DÂN",
        title: "CHỦ TỊCH",
        signer: "Nguyễn Tuấn Anh",
        ..E
    },
    Expect {
        file: "laocai-sct/0229.txt",
        layout: "pdftotext công văn, addressees list, footer interleaved",
        issuer: "ỦY BAN NHÂN DÂN TỈNH LÀO CAI",
        parent: NULL,
        reference: "9387/UBND-KT",
        place: "Lào Cai",
        date: "2026-09-15",
        doc_type: "CV",
        recipients: Some(5),
        authority: "KT.",
        on_behalf_of: "CHỦ TỊCH",
        title: "PHÓ CHỦ TỊCH",
        signer: "Phan Trung Bá",
        ..E
    },
    Expect {
        file: "laocai-sct/0018.txt",
        layout: "docx báo cáo, draft, first recipient on the Nơi nhận line after TABs",
        issuer: "SỞ CÔNG THƯƠNG",
        parent: "UBND TỈNH LÀO CAI",
        reference: "/BC-SCT",
        place: "Lào Cai",
        date: NULL,
        doc_type: "BC",
        recipients: Some(5),
        authority: "KT.",
        on_behalf_of: "GIÁM ĐỐC",
        title: "PHÓ GIÁM ĐỐC",
        signer: "Hoàng Văn Thuân",
        ..E
    },
    Expect {
        file: "laocai-sct/0176.txt",
        layout: "text thông báo, PDF glyph noise in the Quốc hiệu",
        issuer: "SỞ CÔNG THƯƠNG",
        parent: "UBND TỈNH LÀO CAI",
        reference: "1894/TB-SCT",
        place: "Lào Cai",
        date: "2026-04-09",
        doc_type: "TB",
        recipients: Some(5),
        authority: "KT.",
        on_behalf_of: "GIÁM ĐỐC",
        title: "PHÓ GIÁM ĐỐC",
        signer: "Hoàng Văn Thuân",
        ..E
    },
    Expect {
        file: "laocai-sct/0165.txt",
        layout: "kế hoạch of an inspection team, `T/M.` signing",
        issuer: "ĐOÀN KIỂM TRA THEO QUYẾT ĐỊNH SỐ 1050/QĐ-SCT",
        parent: "SỞ CÔNG THƯƠNG",
        reference: "1105/KH-ĐKT",
        place: "Lào Cai",
        date: "2026-03-10",
        doc_type: "KH",
        recipients: Some(5),
        authority: "T/M.",
        on_behalf_of: "ĐOÀN KIỂM TRA",
        title: "TRƯỞNG ĐOÀN",
        signer: "Hoàng Văn Thuân",
        ..E
    },
    Expect {
        file: "laocai-sct/0016.txt",
        layout: "joint guidance of six ministries, pdftotext",
        reference: "24/HDLN-BCA-BQP-BYT",
        place: "Hà Nội",
        date: "2026-06-25",
        doc_type: "HD",
        ..E
    },
    Expect {
        file: "laocai-sct/0001.txt",
        layout: "docx luật",
        issuer: "QUỐC HỘI",
        reference: "69/2025/QH15",
        place: "Hà Nội",
        date: "2025-06-14",
        doc_type: "L",
        recipients: Some(0),
        authority: NULL,
        title: "CHỦ TỊCH QUỐC HỘI",
        signer: "Trần Thanh Mẫn",
        ..E
    },
    Expect {
        file: "laocai-sct/0070.txt",
        layout: "docx nghị định, `TM.` over `KT.`",
        issuer: "CHÍNH PHỦ",
        parent: NULL,
        reference: "217/2025/NĐ-CP",
        place: "Hà Nội",
        date: "2025-08-05",
        doc_type: "NĐ",
        recipients: Some(16),
        authority: "TM.",
        on_behalf_of: "CHÍNH PHỦ",
        title: "PHÓ THỦ TƯỚNG",
        signer: "Nguyễn Hòa Bình",
        ..E
    },
    Expect {
        file: "congbao/0079.txt",
        layout: "gazette thông tư, issuer wrapped before VIỆT NAM, signature on two lines",
        issuer: "NGÂN HÀNG NHÀ NƯỚC VIỆT NAM",
        parent: NULL,
        reference: "13/2026/TT-NHNN",
        place: "Hà Nội",
        date: "2026-05-19",
        doc_type: "TT",
        recipients: Some(0),
        authority: "KT.",
        on_behalf_of: "THỐNG ĐỐC",
        // As printed (ĐÔC for ĐỐC).
        title: "PHÓ THỐNG ĐÔC",
        signer: "Đoàn Thái Sơn",
        ..E
    },
    Expect {
        file: "congbao/0154.txt",
        layout: "gazette thông tư, issuer wrapped before VÀ XÃ HỘI",
        issuer: "BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI",
        parent: NULL,
        reference: "05/2023/TT-BLĐTBXH",
        place: "Hà Nội",
        date: "2023-06-15",
        doc_type: "TT",
        ..E
    },
    Expect {
        file: "congbao/0122.txt",
        layout: "gazette consolidated text: the issuer only in the heading over it",
        issuer: "BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI",
        parent: NULL,
        ..E
    },
    Expect {
        file: "laocai-sct/0221.txt",
        layout: "web text: issuer and motto on one line, one space apart",
        issuer: "CHÍNH PHỦ",
        parent: NULL,
        reference: "217/2026/NĐ-CP",
        place: "Hà Nội",
        date: "2026-06-19",
        doc_type: "NĐ",
        ..E
    },
    Expect {
        file: "laocai-sct/0060.txt",
        layout: "treaty between two governments, centred lines joined by VÀ",
        issuer: "CHÍNH PHỦ NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM VÀ CHÍNH PHỦ NƯỚC CỘNG HÒA NHÂN DÂN TRUNG HOA",
        ..E
    },
    Expect {
        file: "congbao/0061.txt",
        layout: "gazette nghị định whose header block comes after Điều 2 in the text layer",
        issuer: "CHÍNH PHỦ",
        reference: "135/2026/NĐ-CP",
        place: "Hà Nội",
        date: "2026-04-07",
        doc_type: "NĐ",
        ..E
    },
    Expect {
        file: "congbao/0132.txt",
        layout: "gazette consolidated text: its own Số and date under XÁC THỰC VĂN BẢN HỢP NHẤT",
        issuer: "BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI",
        reference: "2651/VBHN-BLĐTBXH",
        place: "Hà Nội",
        date: "2024-06-21",
        ..E
    },
    Expect {
        file: "tvpl/0001.txt",
        layout: "thuvienphapluat export: flattened header, signature on one line",
        issuer: "BẢO HIỂM XÃ HỘI VIỆT NAM",
        reference: "296/BHXH-CSYT",
        place: "Hà Nội",
        date: "2021-02-02",
        doc_type: "CV",
        recipients: Some(4),
        authority: "KT.",
        on_behalf_of: "TỔNG GIÁM ĐỐC",
        title: "PHÓ TỔNG GIÁM ĐỐC",
        signer: "Phạm Lương Sơn",
        ..E
    },
    Expect {
        file: "congbao/0002.txt",
        layout: "gazette nghị định, issuer printed twice",
        issuer: "CHÍNH PHỦ",
        parent: NULL,
        reference: "158/2025/NĐ-CP",
        place: "Hà Nội",
        date: "2025-06-25",
        doc_type: "NĐ",
        authority: "TM.",
        on_behalf_of: "CHÍNH PHỦ",
        title: "PHÓ THỦ TƯỚNG",
        signer: "Hồ Đức Phớc",
        ..E
    },
    Expect {
        file: "congbao/0090.txt",
        layout: "gazette thông tư, minister signing with a rank",
        issuer: "BỘ CÔNG AN",
        reference: "56/2026/TT-BCA",
        place: "Hà Nội",
        date: "2026-05-15",
        doc_type: "TT",
        authority: NULL,
        title: "BỘ TRƯỞNG",
        signer: "Đại tướng Lương Tam Quang",
        ..E
    },
    Expect {
        file: "congbao/0200.txt",
        layout: "gazette nghị định",
        issuer: "CHÍNH PHỦ",
        reference: "141/2026/NĐ-CP",
        place: "Hà Nội",
        date: "2026-04-29",
        doc_type: "NĐ",
        authority: "TM.",
        on_behalf_of: "CHÍNH PHỦ",
        title: "PHÓ THỦ TƯỚNG",
        signer: "Nguyễn Văn Thắng",
        ..E
    },
    Expect {
        file: "congbao/0260.txt",
        layout: "gazette quyết định, `[daky]` stamp",
        issuer: "THỦ TƯỚNG CHÍNH PHỦ",
        reference: "28/2021/QĐ-TTg",
        place: "Hà Nội",
        date: "2021-10-01",
        doc_type: "QĐ",
        authority: "KT.",
        on_behalf_of: "THỦ TƯỚNG",
        title: "PHÓ THỦ TƯỚNG",
        signer: "Lê Minh Khái",
        ..E
    },
    Expect {
        file: "congbao/0012.txt",
        layout: "gazette quyết định, issuer wrapped, annex after the signature",
        issuer: "BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI",
        parent: NULL,
        reference: "169/QĐ-BLĐTBXH",
        place: "Hà Nội",
        date: "2025-01-24",
        doc_type: "QĐ",
        authority: NULL,
        title: "BỘ TRƯỞNG",
        signer: "Đào Ngọc Dung",
        ..E
    },
    Expect {
        file: "congbao/0150.txt",
        layout: "gazette thông tư, issuer wrapped",
        issuer: "BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI",
        parent: NULL,
        reference: "01/2023/TT-BLĐTBXH",
        place: "Hà Nội",
        date: "2023-01-03",
        doc_type: "TT",
        authority: "KT.",
        on_behalf_of: "BỘ TRƯỞNG",
        title: "THỨ TRƯỞNG",
        signer: "Nguyễn Bá Hoan",
        ..E
    },
    Expect {
        file: "congbao/0028.txt",
        layout: "gazette consolidated text: number and date in the certification at the end",
        issuer: "BỘ Y TẾ",
        reference: "04/VBHN-BYT",
        place: "Hà Nội",
        date: "2018-04-13",
        doc_type: "VBHN",
        authority: "KT.",
        on_behalf_of: "BỘ TRƯỞNG",
        title: "THỨ TRƯỞNG",
        signer: "Phạm Lê Tuấn",
        ..E
    },
    Expect {
        file: "congbao/0001.txt",
        layout: "gazette luật: dated by its adoption sentence",
        issuer: "QUỐC HỘI",
        reference: "51/2024/QH15",
        place: NULL,
        date: "2024-11-27",
        doc_type: "L",
        authority: NULL,
        title: "CHỦ TỊCH QUỐC HỘI",
        signer: "Trần Thanh Mẫn",
        ..E
    },
    Expect {
        file: "nfd/0001.txt",
        layout: "gazette thông tư, partly decomposed Unicode",
        issuer: "BỘ KHOA HỌC VÀ CÔNG NGHỆ",
        reference: "25/2026/TT-BKHCN",
        place: "Hà Nội",
        date: "2026-05-30",
        doc_type: "TT",
        authority: NULL,
        title: "BỘ TRƯỞNG",
        signer: "Vũ Hải Quân",
        ..E
    },
    Expect {
        file: "nfd/0002.txt",
        layout: "gazette nghị quyết, partly decomposed Unicode",
        issuer: "CHÍNH PHỦ",
        reference: "23/2026/NQ-CP",
        place: "Hà Nội",
        date: "2026-04-29",
        doc_type: "NQ",
        authority: "TM.",
        on_behalf_of: "CHÍNH PHỦ",
        title: "PHÓ THỦ TƯỚNG",
        signer: "Phạm Thị Thanh Trà",
        ..E
    },
    Expect {
        file: "nfd/0004.txt",
        layout: "gazette nghị định, partly decomposed Unicode",
        issuer: "CHÍNH PHỦ",
        reference: "128/2026/NĐ-CP",
        place: "Hà Nội",
        date: "2026-04-06",
        doc_type: "NĐ",
        authority: "TM.",
        on_behalf_of: "CHÍNH PHỦ",
        title: "PHÓ THỦ TƯỚNG",
        signer: "Hồ Đức Phớc",
        ..E
    },
    Expect {
        file: "nfd/0009.txt",
        layout: "antiword thông tư, partly decomposed Unicode",
        issuer: "BỘ CÔNG AN",
        reference: "16/2018/TT-BCA",
        place: "Hà Nội",
        date: "2018-05-15",
        doc_type: "TT",
        authority: NULL,
        title: "BỘ TRƯỞNG",
        signer: "Thượng tướng Tô Lâm",
        ..E
    },
    Expect {
        file: "nfd/0010.txt",
        layout: "antiword công văn, draft, partly decomposed Unicode",
        issuer: "SỞ CÔNG THƯƠNG",
        parent: "UBND TỈNH LÀO CAI",
        reference: "/SCT-CN",
        place: "Lào Cai",
        date: NULL,
        doc_type: "CV",
        recipients: Some(5),
        authority: "KT.",
        on_behalf_of: "GIÁM ĐỐC",
        title: "PHÓ GIÁM ĐỐC",
        signer: "Hoàng Văn Thuân",
        ..E
    },
    Expect {
        file: "seed/525-TB-TU.txt",
        layout: "the reference notice (tests/suite/seed.rs checks all of it)",
        issuer: "TỈNH ỦY BÌNH THUẬN",
        reference: "525-TB/TU",
        place: "Phan Thiết",
        date: "2008-07-21",
        doc_type: "TB",
        recipients: Some(7),
        authority: "T/L",
        signer: "Huỳnh Đa Trung",
        ..E
    },
];

fn corpus() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if dir.is_dir() {
        Some(dir)
    } else if std::env::var_os("VANBAN_REQUIRE_CORPUS").is_some() {
        panic!(
            "{} is absent, and VANBAN_REQUIRE_CORPUS is set (CI)",
            dir.display()
        );
    } else {
        eprintln!(
            "skipped: {} is absent (a fresh clone has no shared corpus)",
            dir.display()
        );
        None
    }
}

fn check(failures: &mut Vec<String>, e: &Expect, field: &str, want: &str, got: Option<&str>) {
    let ok = match want {
        ANY => true,
        NULL => got.is_none(),
        w => got == Some(w),
    };
    if !ok {
        failures.push(format!(
            "{} ({}): {field}: expected {want:?}, got {got:?}",
            e.file, e.layout
        ));
    }
}

#[test]
fn header_recipients_and_signature_as_read() {
    let Some(dir) = corpus() else { return };
    let mut failures = Vec::new();
    for e in EXPECTED {
        let doc = vanban::parse_file(&dir.join(e.file));
        assert_ne!(
            doc.status,
            Status::Failed,
            "{}: {:?}",
            e.file,
            doc.diagnostics
        );
        let h = &doc.header;
        let f = &mut failures;
        check(f, e, "issuer", e.issuer, h.issuer.as_deref());
        check(f, e, "issuer_parent", e.parent, h.issuer_parent.as_deref());
        check(f, e, "reference", e.reference, h.reference.as_deref());
        check(f, e, "place", e.place, h.place.as_deref());
        check(f, e, "date", e.date, h.date.as_deref());
        check(f, e, "doc_type", e.doc_type, h.doc_type.as_deref());
        if let Some(n) = e.recipients
            && doc.recipients.len() != n
        {
            f.push(format!(
                "{} ({}): recipients: expected {n}, got {}",
                e.file,
                e.layout,
                doc.recipients.len()
            ));
        }
        let s = doc.signature.clone().unwrap_or_default();
        check(f, e, "authority", e.authority, s.authority.as_deref());
        check(
            f,
            e,
            "on_behalf_of",
            e.on_behalf_of,
            s.on_behalf_of.as_deref(),
        );
        check(f, e, "title", e.title, s.title.as_deref());
        check(f, e, "signer", e.signer, s.signer.as_deref());
    }
    assert!(
        failures.is_empty(),
        "{} mismatches:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(EXPECTED.len() >= 30);
}

/// Decomposed Unicode must not change what is read: each nfd copy against its composed
/// twin in another folder (found by comparing the normalized texts).
#[test]
fn decomposed_copies_read_like_their_twins() {
    let Some(dir) = corpus() else { return };
    let norm = |p: &std::path::Path| {
        let bytes = std::fs::read(p).unwrap();
        vanban::normalize::normalize(&String::from_utf8_lossy(&bytes)).text
    };
    let mut others = Vec::new();
    for folder in ["congbao", "laocai-sct"] {
        for f in std::fs::read_dir(dir.join(folder)).unwrap() {
            let p = f.unwrap().path();
            if p.extension().is_some_and(|e| e == "txt") {
                others.push((norm(&p), p));
            }
        }
    }
    let mut compared = 0;
    for i in 1..=11 {
        let nfd = dir.join(format!("nfd/{i:04}.txt"));
        let text = norm(&nfd);
        let Some((_, twin)) = others.iter().find(|(t, _)| *t == text) else {
            continue;
        };
        let a = vanban::parse_file(&nfd);
        let b = vanban::parse_file(twin);
        let who = format!("{} vs {}", nfd.display(), twin.display());
        // Spans are byte offsets: decomposed text is longer, so they may differ.
        let (mut ha, mut hb) = (a.header.clone(), b.header.clone());
        ha.spans = Default::default();
        hb.spans = Default::default();
        assert_eq!(ha, hb, "{who}");
        assert_eq!(
            a.signature.map(|s| s.signer),
            b.signature.map(|s| s.signer),
            "{who}"
        );
        assert_eq!(a.recipients.len(), b.recipients.len(), "{who}");
        compared += 1;
    }
    eprintln!("{compared} nfd copies compared with their composed twins");
    assert!(compared >= 8, "only {compared} nfd copies found a twin");
}

/// Every document of the shared corpus, in every format, gives a tree: none fails when
/// the converters are installed (pdftotext, antiword, Tesseract for the scans).
#[test]
fn whole_corpus_parses_without_panic() {
    let Some(dir) = corpus() else { return };
    let formats = ["txt", "md", "pdf", "doc", "htm", "html", "docx"];
    let mut n = 0;
    let mut failed = Vec::new();
    for folder in std::fs::read_dir(&dir).unwrap() {
        let folder = folder.unwrap().path();
        if !folder.is_dir() {
            continue;
        }
        for f in std::fs::read_dir(&folder).unwrap() {
            let f = f.unwrap().path();
            if f.extension()
                .is_some_and(|e| formats.contains(&&*e.to_string_lossy()))
            {
                let doc = vanban::parse_file(&f);
                if doc.status == Status::Failed {
                    failed.push(format!("{}: {:?}", f.display(), doc.diagnostics));
                }
                n += 1;
            }
        }
    }
    assert!(n > 690, "only {n} documents found");
    let converters = ["pdftotext", "antiword", "tesseract"]
        .iter()
        .all(|p| std::process::Command::new(p).arg("-v").output().is_ok());
    if converters || std::env::var_os("VANBAN_REQUIRE_CONVERTERS").is_some() {
        assert!(failed.is_empty(), "failed:\n{}", failed.join("\n"));
    } else {
        eprintln!("{} documents failed: converters are missing", failed.len());
    }
}

/// PDFs extracted through a broken font map ("UBND 7ӌ1+ LÀO CAI", "&Ӝ1* HÒA XÃ") are
/// reported as garbled text, and no other document is. The garbled files, found by
/// reading their first lines: the three of nfd/ (README) and their copies in laocai-sct/,
/// and laocai-sct/0107.
#[test]
fn garbled_pdf_text_is_reported_not_trusted() {
    let Some(dir) = corpus() else { return };
    let garbled = [
        "nfd/0012.txt",
        "nfd/0013.txt",
        "nfd/0014.txt",
        "laocai-sct/0107.txt",
        "laocai-sct/0164.txt",
        "laocai-sct/0169.txt",
        "laocai-sct/0175.txt",
    ];
    let mut flagged = Vec::new();
    for folder in ["seed", "laocai-sct", "congbao", "nfd", "tvpl"] {
        for f in std::fs::read_dir(dir.join(folder)).unwrap() {
            let p = f.unwrap().path();
            if p.extension().is_none_or(|e| e != "txt") {
                continue;
            }
            let doc = vanban::parse_file(&p);
            if doc
                .diagnostics
                .iter()
                .any(|d| d.message.starts_with("garbled text"))
            {
                assert_eq!(doc.status, Status::Partial, "{}", p.display());
                flagged.push(format!(
                    "{folder}/{}",
                    p.file_name().unwrap().to_string_lossy()
                ));
            }
        }
    }
    flagged.sort();
    let mut want: Vec<String> = garbled.iter().map(|s| s.to_string()).collect();
    want.sort();
    assert_eq!(flagged, want);
}
