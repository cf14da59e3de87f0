//! The stamp an e-signature leaves in a signed PDF's text (`Ký bởi: Sở Tài chính`,
//! `Cơ quan: Tỉnh Quảng Ngãi`, `Thời gian ký: 16.04.2020 07:37:07 +07:00`): metadata
//! of the signing, not text of the document.

use crate::tree::Signing;

/// Labels of a stamp's lines, lower-case, without diacritics: `Ký bởi:`, `Người ký:` …
const LABELS: [&str; 7] = [
    "ky boi",
    "nguoi ky",
    "thoi gian ky",
    "ngay ky",
    "co quan",
    "email",
    "to chuc",
];

/// Whether a line is one of a signing stamp's: a label and a colon, or the time of
/// signing alone (`16.04.2020 07:37:07`, `+07:00`).
pub fn is_signing_line(line: &str) -> bool {
    let t = line.trim();
    if let Some((label, _)) = t.split_once(':') {
        let label = crate::syllable::bare(label.trim());
        if LABELS.contains(&label.as_str()) {
            return true;
        }
    }
    is_signing_time(t)
}

/// `16.04.2020 07:37:07`, `01-10-2025 10:49:44 +07:00`, `+07:00`: digits, separators
/// and a time zone only, with a clock time.
fn is_signing_time(t: &str) -> bool {
    let zone = t.ends_with("+07:00");
    let clock = t.matches(':').count() >= if zone { 2 } else { 1 };
    (t == "+07:00" || clock)
        && !t.is_empty()
        && t.chars()
            .all(|c| c.is_ascii_digit() || " .:/-+".contains(c))
}

/// A cell of a line: its byte range and its column (characters before it).
#[derive(Debug, Clone, Copy)]
struct Cell {
    start: usize,
    end: usize,
    column: usize,
}

/// Cells of a line: runs of text between TABs or three or more spaces.
fn cells(line: &str, offset: usize) -> Vec<Cell> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut spaces = 0;
    let mut col_at_start = 0;
    for (column, (i, c)) in line.char_indices().enumerate() {
        if c == '\t' || (c == ' ' && spaces >= 2) {
            if let Some(s) = start.take() {
                let end = line[..i].trim_end().len().max(s);
                out.push(Cell {
                    start: offset + s,
                    end: offset + end,
                    column: col_at_start,
                });
            }
        } else if !c.is_whitespace() && start.is_none() {
            start = Some(i);
            col_at_start = column;
        }
        spaces = if c == ' ' { spaces + 1 } else { 0 };
    }
    if let Some(s) = start {
        let end = line.trim_end().len().max(s);
        out.push(Cell {
            start: offset + s,
            end: offset + end,
            column: col_at_start,
        });
    }
    out
}

fn is_email(t: &str) -> bool {
    !t.contains(' ') && t.contains('@') && t.contains('.')
}

fn is_caps(t: &str) -> bool {
    t.chars().any(char::is_alphabetic) && !t.chars().any(char::is_lowercase)
}

/// Find the signing stamps of a text, blank them out (spaces, byte for byte, so offsets
/// and lines stay) and say what they hold.
pub fn remove(text: &mut String) -> Option<Signing> {
    // A cheap look first: most texts have no stamp.
    if !text.contains("+07:00") && !text.contains("ký:") && !text.contains("Ký bởi") {
        return None;
    }
    let mut lines: Vec<Vec<Cell>> = Vec::new();
    let mut offset = 0;
    for line in text.split('\n') {
        lines.push(cells(line, offset));
        offset += line.len() + 1;
    }
    let cell_text = |c: &Cell| &text[c.start..c.end];
    let mut marked: Vec<(usize, usize)> = Vec::new(); // (line, cell index)
    for (l, cs) in lines.iter().enumerate() {
        for (k, c) in cs.iter().enumerate() {
            let t = cell_text(c);
            if is_signing_line(t) || is_email(t) {
                marked.push((l, k));
            }
        }
    }
    if marked.is_empty() {
        return None;
    }
    let near = |a: &Cell, b: &Cell| a.column.abs_diff(b.column) <= 4;
    let mut stamp: Vec<(usize, usize)> = marked.clone();
    // Lines between two stamp lines of one column (a wrapped `Người ký:` value).
    for w in marked.windows(2) {
        let ((l1, k1), (l2, k2)) = (w[0], w[1]);
        if l2 > l1 + 1 && l2 - l1 <= 4 && near(&lines[l1][k1], &lines[l2][k2]) {
            for (l, cs) in lines.iter().enumerate().take(l2).skip(l1 + 1) {
                if let Some(k) = cs.iter().position(|c| near(c, &lines[l1][k1])) {
                    stamp.push((l, k));
                }
            }
        }
    }
    // The signing body in capitals right above the first e-mail or time (no label).
    let mut org: Vec<(usize, usize)> = Vec::new();
    if let Some(&(l0, k0)) = marked.first() {
        let anchor = lines[l0][k0];
        let labelled = marked.iter().any(|&(l, k)| {
            let t = cell_text(&lines[l][k]);
            t.contains(':') && !is_signing_time(t)
        });
        let mut l = l0;
        while !labelled && l > 0 && l0 - l < 3 {
            l -= 1;
            match lines[l].iter().position(|c| near(c, &anchor)) {
                Some(k) if is_caps(cell_text(&lines[l][k])) => org.insert(0, (l, k)),
                _ => break,
            }
        }
    }
    let signing = read(text, &lines, &stamp, &org);
    stamp.extend(org);
    blank(text, stamp.iter().map(|&(l, k)| lines[l][k]));
    Some(signing)
}

/// Who signed and when, from the stamp's cells.
fn read(
    text: &str,
    lines: &[Vec<Cell>],
    stamp: &[(usize, usize)],
    org: &[(usize, usize)],
) -> Signing {
    let mut cells: Vec<(usize, usize)> = stamp.to_vec();
    cells.sort();
    let mut by: Vec<String> = Vec::new();
    let mut at = None;
    let mut in_by = false;
    for &(l, k) in &cells {
        let t = text[lines[l][k].start..lines[l][k].end].trim();
        if let Some((label, value)) = t.split_once(':').filter(|_| !is_signing_time(t)) {
            let label = crate::syllable::bare(label.trim());
            in_by = matches!(label.as_str(), "ky boi" | "nguoi ky");
            if in_by && !value.trim().is_empty() {
                by.push(value.trim().to_string());
            }
            if matches!(label.as_str(), "thoi gian ky" | "ngay ky") {
                at = at.or_else(|| iso_time(value));
            }
        } else if is_signing_time(t) {
            at = at.or_else(|| iso_time(t));
            in_by = false;
        } else if in_by && !is_email(t) {
            by.push(t.to_string());
        }
    }
    if by.is_empty() {
        by = org
            .iter()
            .map(|&(l, k)| text[lines[l][k].start..lines[l][k].end].trim().to_string())
            .collect();
    }
    Signing {
        by: (!by.is_empty()).then(|| by.join(" ")),
        at,
    }
}

/// `09.01.2025 10:21:11 +07:00` → `2025-01-09T10:21:11+07:00`.
fn iso_time(t: &str) -> Option<String> {
    let nums: Vec<u32> = t
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .filter_map(|s| s.parse().ok())
        .collect();
    let [d, m, y, hh, mm, ss, ..] = nums[..] else {
        return None;
    };
    crate::assemble::iso_date(y, m, d)?;
    Some(format!(
        "{y:04}-{m:02}-{d:02}T{hh:02}:{mm:02}:{ss:02}+07:00"
    ))
}

/// Replace the cells' characters by spaces of the same byte length.
fn blank(text: &mut String, cells: impl Iterator<Item = Cell>) {
    let mut bytes = std::mem::take(text).into_bytes();
    for c in cells {
        bytes[c.start..c.end].fill(b' ');
    }
    *text = String::from_utf8(bytes).expect("whole characters replaced by ASCII spaces");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamp_lines_are_told_from_text() {
        for line in [
            "Ký bởi: Cục Thuế tỉnh Bắc Ninh",
            "Người ký: Ủy ban",
            "Cơ quan: Tỉnh Quảng",
            "Thời gian ký:",
            "Thời gian ký: 19/05/2022 15:40:06 +07:00",
            "16.04.2020 07:37:07",
            "+07:00",
            "01-10-2025 10:49:44 +07:00",
        ] {
            assert!(is_signing_line(line), "{line}");
        }
        for line in [
            "Cơ quan chủ trì: Sở Tài chính",
            "Ngày 30/9/2025, Ban Thường vụ họp",
            "2025-2030",
            "Điều 1: Phạm vi",
        ] {
            assert!(!is_signing_line(line), "{line}");
        }
    }

    #[test]
    fn a_stamp_beside_the_header_is_read_and_blanked() {
        let mut text = "                  TRUNG TÂM CÔNG BÁO\n                  VÀ TIN HỌC\n                  ttcbth@quangngai.gov.vn\n                  09.01.2025 10:21:11 +07:00\n\n   ỦY BAN NHÂN DÂN      CỘNG HÒA XÃ HỘI\n".to_string();
        let len = text.len();
        let s = remove(&mut text).unwrap();
        assert_eq!(s.by.as_deref(), Some("TRUNG TÂM CÔNG BÁO VÀ TIN HỌC"));
        assert_eq!(s.at.as_deref(), Some("2025-01-09T10:21:11+07:00"));
        assert_eq!(text.len(), len);
        assert_eq!(text.lines().filter(|l| !l.trim().is_empty()).count(), 1);
    }

    #[test]
    fn a_labelled_stamp_with_wrapped_values() {
        let mut text = "Người ký: Ủy ban\nnhân dân tỉnh Quảng\nNgãi\nCơ quan: Tỉnh Quảng\nNgãi\nThời gian ký:\n16.04.2020 07:37:07\n+07:00\nUỶ BAN NHÂN DÂN\n".to_string();
        let s = remove(&mut text).unwrap();
        assert_eq!(s.by.as_deref(), Some("Ủy ban nhân dân tỉnh Quảng Ngãi"));
        assert_eq!(s.at.as_deref(), Some("2020-04-16T07:37:07+07:00"));
        assert_eq!(text.trim(), "UỶ BAN NHÂN DÂN");
    }
}
