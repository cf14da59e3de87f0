//! `vanban synth`: realistic notices (thông báo kết luận) of both dialects, each with the
//! tree it must parse to, written from the format rules (NĐ 30/2020, HD 36-HD/VPTW), not
//! from the parser. Layouts and noise vary: TAB or space-aligned columns, CRLF, decomposed
//! Unicode, new-style tone marks, NBSP, trailing spaces.
//!
//! It serves as a property test (generate, parse, compare: tests/suite/synth.rs) and builds
//! corpora of any size for scale runs (`vanban synth --docs N --seed S --out DIR`).

use serde::{Deserialize, Serialize};

/// A generated document and what it must parse to.
#[derive(Debug, Clone)]
pub struct Synth {
    pub text: String,
    pub expected: Expected,
}

/// The values a reader of the document would write down, in normalized form (NFC,
/// old-style tone marks), as the JSON tree gives them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Expected {
    /// Which variants this document uses (for messages).
    pub layout: String,
    pub dialect: String,
    pub issuer: String,
    pub issuer_parent: Option<String>,
    pub reference: String,
    pub place: String,
    pub date: String,
    pub doc_type: String,
    pub title: String,
    /// Top-level sections of the body.
    pub sections: usize,
    pub directives: Vec<ExpectedDirective>,
    pub recipients: usize,
    pub authority: String,
    pub on_behalf_of: String,
    pub signer_title: String,
    pub signer: String,
}

/// A directive: its line and the agencies as printed, with its deadline's last day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExpectedDirective {
    pub line: usize,
    pub lead: String,
    pub support: Option<String>,
    pub report_to: Option<String>,
    pub deadline_end: Option<String>,
}

/// SplitMix64: small, fast, and the same sequence on every platform.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a, T>(&mut self, v: &'a [T]) -> &'a T {
        &v[self.below(v.len())]
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

/// (province, its capital: the place line of a provincial document).
const PROVINCES: [(&str, &str); 10] = [
    ("Bình Thuận", "Phan Thiết"),
    ("Lâm Đồng", "Đà Lạt"),
    ("Lào Cai", "Lào Cai"),
    ("Ninh Thuận", "Phan Rang - Tháp Chàm"),
    ("Đắk Lắk", "Buôn Ma Thuột"),
    ("Quảng Nam", "Tam Kỳ"),
    ("Nghệ An", "Vinh"),
    ("Thanh Hóa", "Thanh Hóa"),
    ("Khánh Hòa", "Nha Trang"),
    ("Hà Tĩnh", "Hà Tĩnh"),
];

const STATE_AGENCIES: [&str; 12] = [
    "Sở Tài chính",
    "Sở Kế hoạch và Đầu tư",
    "Sở Xây dựng",
    "Sở Giao thông vận tải",
    "Sở Nông nghiệp và Phát triển nông thôn",
    "Sở Công Thương",
    "Sở Y tế",
    "Sở Giáo dục và Đào tạo",
    "Sở Tài nguyên và Môi trường",
    "Sở Văn hóa, Thể thao và Du lịch",
    "Sở Thông tin và Truyền thông",
    "Sở Nội vụ",
];

const PARTY_AGENCIES: [&str; 6] = [
    "Ban Tuyên giáo Tỉnh ủy",
    "Ban Tổ chức Tỉnh ủy",
    "Ủy ban Kiểm tra Tỉnh ủy",
    "Ban Dân vận Tỉnh ủy",
    "Văn phòng Tỉnh ủy",
    "Ban Nội chính Tỉnh ủy",
];

const TASKS: [&str; 10] = [
    "xây dựng kế hoạch triển khai chương trình chuyển đổi số",
    "rà soát, đánh giá tiến độ các dự án đầu tư công",
    "tổ chức kiểm tra công tác phòng, chống thiên tai",
    "hoàn thiện hồ sơ điều chỉnh quy hoạch vùng nguyên liệu",
    "đẩy mạnh công tác cải cách hành chính",
    "tổng hợp kết quả thực hiện các chỉ tiêu kinh tế - xã hội",
    "xây dựng đề án phát triển du lịch cộng đồng",
    "triển khai các giải pháp tháo gỡ khó khăn cho doanh nghiệp",
    "tăng cường tuyên truyền về bảo vệ môi trường",
    "đề xuất phương án sắp xếp các đơn vị sự nghiệp công lập",
];

const TOPICS: [&str; 6] = [
    "tình hình thực hiện nhiệm vụ phát triển kinh tế - xã hội",
    "tiến độ giải ngân vốn đầu tư công",
    "công tác chuẩn bị tổ chức lễ hội văn hóa",
    "kết quả thực hiện công tác cải cách hành chính",
    "công tác phòng, chống dịch bệnh trên gia súc",
    "tình hình sản xuất nông nghiệp vụ Đông Xuân",
];

const FAMILY: [&str; 10] = [
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Võ", "Đặng", "Bùi", "Đỗ",
];
const MIDDLE: [&str; 6] = ["Văn", "Thị", "Đức", "Minh", "Thanh", "Quốc"];
const GIVEN: [&str; 10] = [
    "An", "Bình", "Cường", "Dũng", "Hùng", "Lan", "Mai", "Phong", "Quân", "Sơn",
];

const ROMAN: [&str; 4] = ["I", "II", "III", "IV"];

/// Days in a month of a year.
fn days_in(month: u32, year: u32) -> u32 {
    match month {
        2 if year.is_multiple_of(4) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// How the two header and footer columns are set side by side.
#[derive(Clone, Copy)]
enum Columns {
    /// A Word table saved as text.
    Tab,
    /// `pdftotext -layout`: the right column starts at a fixed position.
    Spaces,
}

fn two(cols: Columns, left: &str, right: &str) -> String {
    match cols {
        Columns::Tab => format!("{left}\t{right}"),
        Columns::Spaces => {
            let width = left.chars().count();
            let pad = if width < 44 { 44 - width } else { 4 };
            format!("{left}{}{right}", " ".repeat(pad))
        }
    }
}

/// Generate document number `i` of the corpus of seed `seed`.
pub fn generate(seed: u64, i: u64) -> Synth {
    let mut r = Rng(seed ^ i.wrapping_mul(0x2545_f491_4f6c_dd1d));
    r.next();
    let party = r.chance(50);
    let cols = if r.chance(50) {
        Columns::Tab
    } else {
        Columns::Spaces
    };
    let (province, place) = *r.pick(&PROVINCES);
    let year = 2012 + r.below(14) as u32;
    let month = 1 + r.below(12) as u32;
    let day = 1 + r.below(days_in(month, year) as usize) as u32;
    let number = 1 + r.below(900);
    let topic = *r.pick(&TOPICS);
    let mut lines: Vec<String> = Vec::new();
    let day_text = if r.chance(50) {
        format!("{day:02}")
    } else {
        day.to_string()
    };
    let date_line = format!("{place}, ngày {day_text} tháng {month} năm {year}");

    let (issuer, reference, title_lines, agencies): (String, String, Vec<String>, &[&str]);
    if party {
        issuer = format!("TỈNH ỦY {}", province.to_uppercase());
        reference = format!("{number}-TB/TU");
        lines.push(two(cols, &issuer, "ĐẢNG CỘNG SẢN VIỆT NAM"));
        lines.push(two(cols, "*", &date_line));
        lines.push(format!("Số {reference}"));
        title_lines = vec![
            "THÔNG BÁO".into(),
            "KẾT LUẬN CỦA THƯỜNG TRỰC TỈNH ỦY".into(),
            format!("về {topic}"),
        ];
        agencies = &PARTY_AGENCIES;
    } else {
        issuer = format!("ỦY BAN NHÂN DÂN TỈNH {}", province.to_uppercase());
        reference = format!("{number}/TB-UBND");
        lines.push(two(
            cols,
            "ỦY BAN NHÂN DÂN",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        ));
        lines.push(two(
            cols,
            &format!("TỈNH {}", province.to_uppercase()),
            "Độc lập - Tự do - Hạnh phúc",
        ));
        lines.push(two(cols, &format!("Số: {reference}"), &date_line));
        title_lines = vec![
            "THÔNG BÁO".into(),
            "Kết luận của Chủ tịch Ủy ban nhân dân tỉnh".into(),
            format!("tại buổi làm việc về {topic}"),
        ];
        agencies = &STATE_AGENCIES;
    }
    lines.push(String::new());
    lines.extend(title_lines.iter().cloned());
    lines.push(String::new());

    // The meeting, then an assessment section and a tasks section.
    let chair = if party {
        "Thường trực Tỉnh ủy"
    } else {
        "Chủ tịch Ủy ban nhân dân tỉnh"
    };
    lines.push(format!(
        "Ngày {} tháng {month} năm {year}, {chair} chủ trì buổi làm việc về {topic}. Sau khi nghe báo cáo và ý kiến của các đại biểu, {chair} kết luận như sau:",
        day.max(2) - 1
    ));
    let dash = if party { "-" } else { "." };
    lines.push(format!("{}{dash} Đánh giá chung", ROMAN[0]));
    lines.push(
        "Thời gian qua, các cấp, các ngành đã tích cực triển khai nhiệm vụ và đạt được một số kết quả bước đầu."
            .into(),
    );
    lines.push(
        "- Tuy nhiên, tiến độ một số nhiệm vụ còn chậm, công tác phối hợp chưa chặt chẽ.".into(),
    );
    lines.push(format!("{}{dash} Nhiệm vụ trong thời gian tới", ROMAN[1]));
    let n_items = 2 + r.below(5);
    let item_mark = if party && r.chance(50) { "-" } else { "." };
    let mut directives = Vec::new();
    let mut used = Vec::new();
    for k in 1..=n_items {
        let lead = loop {
            let a = *r.pick(agencies);
            if !used.contains(&a) || used.len() >= agencies.len() {
                break a;
            }
        };
        used.push(lead);
        let support = loop {
            let a = *r.pick(agencies);
            if a != lead {
                break a;
            }
        };
        let task = *r.pick(&TASKS);
        // A deadline after the meeting: a day, the end of a month or of a quarter, in one
        // of the next two years (one before the document's date is read as none).
        let dy = year + 1 + r.below(2) as u32;
        let (deadline_text, deadline_end) = match r.below(4) {
            0 => {
                let m = 1 + r.below(12) as u32;
                let d = 1 + r.below(days_in(m, dy) as usize) as u32;
                (
                    format!("hoàn thành trước ngày {d}/{m}/{dy}"),
                    Some(format!("{dy:04}-{m:02}-{d:02}")),
                )
            }
            1 => {
                let q = 1 + r.below(4) as u32;
                let m = q * 3;
                (
                    format!("hoàn thành trong quý {}/{dy}", ROMAN[q as usize - 1]),
                    Some(format!("{dy:04}-{m:02}-{:02}", days_in(m, dy))),
                )
            }
            2 => {
                let m = 1 + r.below(12) as u32;
                (
                    format!("hoàn thành trong tháng {m}/{dy}"),
                    Some(format!("{dy:04}-{m:02}-{:02}", days_in(m, dy))),
                )
            }
            _ => (String::new(), None),
        };
        let with_support = r.chance(70);
        let report = !party && r.chance(40);
        let mut sentence = format!("{k}{item_mark} Giao {lead} chủ trì");
        if with_support {
            sentence += &format!(", phối hợp với {support}");
        }
        sentence += &format!(" {task}");
        if report {
            sentence += ", báo cáo Ủy ban nhân dân tỉnh";
        }
        if !deadline_text.is_empty() {
            sentence += &format!(", {deadline_text}");
        }
        sentence += ".";
        lines.push(sentence);
        directives.push(ExpectedDirective {
            line: lines.len(),
            lead: lead.to_string(),
            support: with_support.then(|| support.to_string()),
            report_to: report.then(|| "Ủy ban nhân dân tỉnh".to_string()),
            deadline_end,
        });
    }
    let closing = if party {
        "Văn phòng Tỉnh ủy thông báo để các cơ quan, đơn vị biết, thực hiện./."
    } else {
        "Văn phòng Ủy ban nhân dân tỉnh thông báo để các cơ quan, đơn vị biết, thực hiện./."
    };
    lines.push(closing.into());
    lines.push(String::new());

    // Recipients on the left, signature on the right.
    let mut recipients: Vec<String> = if party {
        vec!["- Ban Thường vụ Tỉnh ủy (b/c),".into()]
    } else {
        vec![
            "- Thường trực Tỉnh ủy (b/c);".into(),
            "- Chủ tịch, các PCT UBND tỉnh;".into(),
        ]
    };
    for a in used.iter().take(4) {
        recipients.push(format!("- {a};"));
    }
    recipients.push(if party {
        "- Lưu Văn phòng Tỉnh ủy.".into()
    } else {
        "- Lưu: VT, TH.".into()
    });
    let signer = format!("{} {} {}", r.pick(&FAMILY), r.pick(&MIDDLE), r.pick(&GIVEN));
    let (authority, on_behalf_of, mut sig): (&str, &str, Vec<String>) = if party {
        if r.chance(50) {
            (
                "T/L",
                "BAN THƯỜNG VỤ",
                vec!["T/L BAN THƯỜNG VỤ".into(), "CHÁNH VĂN PHÒNG".into()],
            )
        } else {
            (
                "T/M",
                "BAN THƯỜNG VỤ",
                vec!["T/M BAN THƯỜNG VỤ".into(), "PHÓ BÍ THƯ".into()],
            )
        }
    } else if r.chance(50) {
        (
            "TM.",
            "ỦY BAN NHÂN DÂN",
            vec![
                "TM. ỦY BAN NHÂN DÂN".into(),
                "KT. CHỦ TỊCH".into(),
                "PHÓ CHỦ TỊCH".into(),
            ],
        )
    } else {
        (
            "TM.",
            "ỦY BAN NHÂN DÂN",
            vec!["TM. ỦY BAN NHÂN DÂN".into(), "CHỦ TỊCH".into()],
        )
    };
    let signer_title = sig.last().cloned().unwrap_or_default();
    sig.push(if party { "(đã ký)" } else { "(Đã ký)" }.into());
    sig.push(signer.clone());
    let left: Vec<String> = std::iter::once("Nơi nhận:".to_string())
        .chain(recipients.iter().cloned())
        .collect();
    for k in 0..left.len().max(sig.len()) {
        let l = left.get(k).map(String::as_str).unwrap_or("");
        match sig.get(k) {
            Some(s) => lines.push(two(cols, l, s)),
            None => lines.push(l.to_string()),
        }
    }

    // Noise: none of it changes what the document says.
    let crlf = r.chance(30);
    let nfd = r.chance(20);
    let new_tones = r.chance(30);
    let nbsp = r.chance(20);
    let trailing = r.chance(20);
    let mut text = String::new();
    for l in &lines {
        text += l;
        if trailing && !l.is_empty() {
            text += "  ";
        }
        text += if crlf { "\r\n" } else { "\n" };
    }
    if new_tones {
        for (old, new) in [
            ("Ủy", "Uỷ"),
            ("ỦY", "UỶ"),
            ("ủy", "uỷ"),
            ("hòa", "hoà"),
            ("HÒA", "HOÀ"),
            ("Hòa", "Hoà"),
        ] {
            text = text.replace(old, new);
        }
    }
    if nbsp {
        text = text
            .replacen("Số: ", "Số:\u{a0}", 1)
            .replacen("Số ", "Số\u{a0}", 1);
    }
    if nfd {
        use unicode_normalization::UnicodeNormalization;
        text = text.nfd().collect();
    }
    let layout = format!(
        "{} {}{}{}{}{}{}",
        if party { "party" } else { "state" },
        match cols {
            Columns::Tab => "tab",
            Columns::Spaces => "spaces",
        },
        if crlf { " crlf" } else { "" },
        if nfd { " nfd" } else { "" },
        if new_tones { " new-tones" } else { "" },
        if nbsp { " nbsp" } else { "" },
        if trailing { " trailing-spaces" } else { "" },
    );
    Synth {
        text,
        expected: Expected {
            layout,
            dialect: if party { "party" } else { "state" }.into(),
            issuer,
            issuer_parent: None,
            reference,
            place: place.into(),
            date: format!("{year:04}-{month:02}-{day:02}"),
            doc_type: "TB".into(),
            title: title_lines.join(" "),
            sections: 2,
            directives,
            recipients: recipients.len(),
            authority: authority.into(),
            on_behalf_of: on_behalf_of.into(),
            signer_title,
            signer,
        },
    }
}

/// Write documents `0..docs` of seed `seed` into `dir` as `synth-NNNNNNN.txt`, and their
/// expected values as `expected.jsonl` (one JSON object per line, with its `file`).
/// Returns the bytes of text written.
pub fn write_corpus(dir: &std::path::Path, docs: u64, seed: u64) -> Result<u64, String> {
    use rayon::prelude::*;
    use std::io::Write;
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let mut bytes = 0;
    // In batches, so that a corpus of any size is generated in bounded memory.
    crate::dataset::write_atomically(&dir.join("expected.jsonl"), |f| {
        let mut start = 0;
        while start < docs {
            let end = (start + 10_000).min(docs);
            let lines: Vec<Result<(String, u64), String>> = (start..end)
                .into_par_iter()
                .map(|i| {
                    let s = generate(seed, i);
                    let name = format!("synth-{i:07}.txt");
                    let path = dir.join(&name);
                    std::fs::write(&path, &s.text)
                        .map_err(|e| format!("{}: {e}", path.display()))?;
                    let mut v = serde_json::to_value(&s.expected).map_err(|e| e.to_string())?;
                    v["file"] = serde_json::Value::String(name);
                    Ok((v.to_string(), s.text.len() as u64))
                })
                .collect();
            for l in lines {
                let (line, n) = l?;
                f.write_all(line.as_bytes())
                    .and_then(|_| f.write_all(b"\n"))
                    .map_err(|e| e.to_string())?;
                bytes += n;
            }
            start = end;
        }
        Ok(())
    })?;
    Ok(bytes)
}

/// Compare a parsed document with what it must be; returns the differences.
pub fn compare(doc: &crate::Document, e: &Expected) -> Vec<String> {
    let mut diffs = Vec::new();
    let mut check = |what: &str, got: Option<&str>, want: Option<&str>| {
        if got != want {
            diffs.push(format!("{what}: got {got:?}, want {want:?}"));
        }
    };
    let h = &doc.header;
    check("status", Some(&format!("{:?}", doc.status)), Some("Ok"));
    check(
        "dialect",
        h.dialect.map(|d| {
            if d == crate::tree::Dialect::Party {
                "party"
            } else {
                "state"
            }
        }),
        Some(&e.dialect),
    );
    check("issuer", h.issuer.as_deref(), Some(&e.issuer));
    check(
        "issuer_parent",
        h.issuer_parent.as_deref(),
        e.issuer_parent.as_deref(),
    );
    check("reference", h.reference.as_deref(), Some(&e.reference));
    check("place", h.place.as_deref(), Some(&e.place));
    check("date", h.date.as_deref(), Some(&e.date));
    check("doc_type", h.doc_type.as_deref(), Some(&e.doc_type));
    check("title", h.title.as_deref(), Some(&e.title));
    let sections = doc
        .body
        .iter()
        .filter(|n| n.kind == crate::tree::NodeKind::Section)
        .count();
    check(
        "sections",
        Some(&sections.to_string()),
        Some(&e.sections.to_string()),
    );
    check(
        "recipients",
        Some(&doc.recipients.len().to_string()),
        Some(&e.recipients.to_string()),
    );
    let sig = doc.signature.as_ref();
    check(
        "authority",
        sig.and_then(|s| s.authority.as_deref()),
        Some(&e.authority),
    );
    check(
        "on_behalf_of",
        sig.and_then(|s| s.on_behalf_of.as_deref()),
        Some(&e.on_behalf_of),
    );
    check(
        "signer_title",
        sig.and_then(|s| s.title.as_deref()),
        Some(&e.signer_title),
    );
    check(
        "signer",
        sig.and_then(|s| s.signer.as_deref()),
        Some(&e.signer),
    );
    // Directives, by line.
    let nodes = doc.walk();
    for d in &e.directives {
        let Some(node) = nodes.iter().find(|n| n.span.line == d.line) else {
            check(
                &format!("L{}", d.line),
                Some("no node"),
                Some("a directive"),
            );
            continue;
        };
        let Some(dir) = &node.directive else {
            check(
                &format!("L{}", d.line),
                Some("not a directive"),
                Some("a directive"),
            );
            continue;
        };
        let agency = |role: &str| {
            dir.assignments
                .iter()
                .find(|a| a.role.as_str() == role)
                .map(|a| a.agency.as_str())
        };
        let line = format!("L{}", d.line);
        check(&format!("{line} lead"), agency("lead"), Some(&d.lead));
        check(
            &format!("{line} support"),
            agency("support"),
            d.support.as_deref(),
        );
        check(
            &format!("{line} report_to"),
            agency("report_to"),
            d.report_to.as_deref(),
        );
        check(
            &format!("{line} deadline"),
            dir.deadline.as_ref().and_then(|x| x.end.as_deref()),
            d.deadline_end.as_deref(),
        );
    }
    let n_directives = nodes.iter().filter(|n| n.directive.is_some()).count();
    check(
        "directives",
        Some(&n_directives.to_string()),
        Some(&e.directives.len().to_string()),
    );
    diffs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_document() {
        assert_eq!(generate(7, 3).text, generate(7, 3).text);
        assert_ne!(generate(7, 3).text, generate(7, 4).text);
        assert_ne!(generate(7, 3).text, generate(8, 3).text);
    }

    #[test]
    fn dates_are_real() {
        for i in 0..500 {
            let e = generate(1, i).expected;
            let (y, rest) = e.date.split_at(4);
            let m: u32 = rest[1..3].parse().unwrap();
            let d: u32 = rest[4..6].parse().unwrap();
            assert!(d >= 1 && d <= days_in(m, y.parse().unwrap()), "{}", e.date);
        }
    }
}
