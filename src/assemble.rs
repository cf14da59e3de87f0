//! Assembly: typed lines → document tree.
//!
//! The grammar types each cell on its own; this module decides which cell may stand
//! where. A document is read as four zones, each found from the cells that open it:
//!
//! ```text
//! header   issuer, Số line, place and date, Quốc hiệu or ĐẢNG CỘNG SẢN VIỆT NAM, V/v …
//! title    from the type name (THÔNG BÁO …) to the rule under the subject
//! body     sections, items, points, bullets and paragraphs, nested by their markers
//! closing  Nơi nhận and the signature, in either order, or side by side
//! ```
//!
//! Whatever follows the closing (appendices, forms) becomes `appendix`. No line is
//! dropped except rules, page numbers and gazette running heads.

use crate::grammar::{self, Cell, Line, Rule};
use crate::lexicon::{lexicon as lex, opens_with, opens_word};
use crate::normalize::{LineIndex, Normalized};
use crate::tree::*;
use std::ops::Range;

/// How far into a document the title block may start.
const TITLE_SEARCH_LINES: usize = 80;

struct Ctx<'a> {
    original: &'a str,
    norm: &'a Normalized,
    index: LineIndex,
    diagnostics: Vec<Diagnostic>,
}

impl<'a> Ctx<'a> {
    fn text(&self, r: Range<usize>) -> &'a str {
        self.norm.text[r].trim()
    }

    fn cell(&self, c: &Cell) -> &'a str {
        self.text(c.range.clone())
    }

    fn part(&self, c: &Cell, rule: Rule) -> Option<&'a str> {
        c.part(rule).map(|r| self.text(r))
    }

    /// The whole line from its first cell to its last, spaces collapsed.
    fn line_text(&self, l: &Line) -> String {
        match (l.cells.first(), l.cells.last()) {
            (Some(a), Some(b)) => collapse(&self.norm.text[a.range.start..b.range.end]),
            _ => String::new(),
        }
    }

    /// The original span of a normalized range, without its surrounding spaces.
    fn span(&self, r: Range<usize>) -> Span {
        let s = &self.norm.text[r.clone()];
        let r = r.start + (s.len() - s.trim_start().len())..r.end - (s.len() - s.trim_end().len());
        let r = if r.start > r.end { r.start..r.start } else { r };
        let start = self.norm.map.to_original(r.start);
        let end = self.norm.map.to_original(r.end).max(start);
        let (line, column) = self.index.line_col(self.original, start);
        Span {
            start,
            end,
            line,
            column,
        }
    }

    fn line_span(&self, l: &Line) -> Span {
        match (l.cells.first(), l.cells.last()) {
            (Some(a), Some(b)) => self.span(a.range.start..b.range.end),
            _ => self.span(l.range.clone()),
        }
    }

    fn diag(
        &mut self,
        norm_offset: usize,
        severity: Severity,
        message: String,
        expected: Vec<String>,
    ) {
        let offset = self.norm.map.to_original(norm_offset);
        let (line, column) = self.index.line_col(self.original, offset);
        self.diagnostics.push(Diagnostic {
            line,
            column,
            severity,
            message,
            expected,
            offset,
        });
    }
}

/// Collapse runs of whitespace (column gaps, tabs) into one space.
fn collapse(s: &str) -> String {
    let t = s.trim();
    if is_collapsed(t) {
        return t.to_string();
    }
    collapse_words(s)
}

/// Whether `s` is collapsed already: single ASCII spaces between words, no other
/// whitespace, no bar. Most cells are; this byte scan spares them the word-by-word
/// rebuild (collapse runs many times per line). Only the bytes in `MAY_SPLIT` are looked
/// at closely.
fn is_collapsed(s: &str) -> bool {
    let b = s.as_bytes();
    if b.first() == Some(&b' ') || b.last() == Some(&b' ') {
        return false;
    }
    let next = |i: usize| b.get(i).copied();
    for (i, &c) in b.iter().enumerate() {
        if !MAY_SPLIT[c as usize] {
            continue;
        }
        let ok = match c {
            b' ' => next(i + 1) != Some(b' '),
            // The whitespace beyond ASCII: U+0085, U+00A0, U+1680, U+2000–U+200A,
            // U+2028, U+2029, U+202F, U+205F, U+3000.
            0xC2 => !matches!(next(i + 1), Some(0x85 | 0xA0)),
            0xE1 => !(next(i + 1) == Some(0x9A) && next(i + 2) == Some(0x80)),
            0xE2 => !matches!(
                (next(i + 1), next(i + 2)),
                (Some(0x80), Some(0x80..=0x8A | 0xA8 | 0xA9 | 0xAF)) | (Some(0x81), Some(0x9F))
            ),
            0xE3 => !(next(i + 1) == Some(0x80) && next(i + 2) == Some(0x80)),
            // TAB, LF, VT, FF, CR, `|`.
            _ => false,
        };
        if !ok {
            return false;
        }
    }
    true
}

/// The bytes `is_collapsed` must look at: space, the ASCII whitespace, `|`, and the lead
/// bytes of the other whitespace characters.
const MAY_SPLIT: [bool; 256] = {
    let mut t = [false; 256];
    let mut k = 0;
    let bytes = [
        b' ', b'\t', b'\n', 0x0B, 0x0C, b'\r', b'|', 0xC2, 0xE1, 0xE2, 0xE3,
    ];
    while k < bytes.len() {
        t[bytes[k] as usize] = true;
        k += 1;
    }
    t
};

/// Spaces collapsed word by word (the slow path of `collapse`).
fn collapse_words(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w.trim_matches('|'));
    }
    out.trim().to_string()
}

/// Build the document tree of one text.
pub fn assemble(file: &str, original: &str, norm: &Normalized, lines: &[Line]) -> Document {
    let mut cx = Ctx {
        original,
        norm,
        index: LineIndex::new(original),
        diagnostics: Vec::new(),
    };
    let title_at = find_title(lines);
    let header_end = title_at.unwrap_or_else(|| find_header_end(&cx, lines));
    let mut header = read_header(&mut cx, &lines[..header_end]);
    let body_start = match title_at {
        Some(t) => read_title(&cx, lines, t, &mut header),
        None => header_end,
    };
    // Some documents print the Số line or the date under their title (a mining plan,
    // a form): look a few lines further when the header lacked them.
    if header.reference.is_none() || header.place.is_none() {
        for l in lines.iter().skip(body_start).take(12) {
            for c in &l.cells {
                match c.kind {
                    Rule::so_line if header.reference.is_none() => read_symbol(&cx, c, &mut header),
                    Rule::date_line if header.place.is_none() => {
                        read_date(&cx, c, &mut header);
                    }
                    _ => {}
                }
            }
        }
    }
    let closing_start = find_closing(&cx, lines, body_start);
    if header.reference.is_none() {
        read_displaced_header(&cx, &lines[body_start..closing_start], &mut header);
    }
    let body = build_body(&cx, &lines[body_start..closing_start], Some(&mut header));
    let (recipients, signature, closing_end) = read_closing(&cx, lines, closing_start, &mut header);
    let appendix = build_body(&cx, &lines[closing_end..], None);

    if header.date.is_none() && header.place.is_none() {
        header.date = adoption_date(&body);
    }
    if header.doc_type.is_none() {
        header.doc_type = match (&header.type_name, &header.subject, &header.type_code) {
            (Some(name), _, _) => type_code_of(name, header.dialect).map(String::from),
            (None, Some(_), _) => Some("CV".into()),
            (None, None, Some(code)) => Some(code.clone()),
            _ => None,
        };
    }

    check_required(&mut cx, lines, &header, &body, &recipients, &signature);
    let mut diagnostics = std::mem::take(&mut cx.diagnostics);
    diagnostics.sort_by_key(|d| (d.offset, std::cmp::Reverse(d.severity)));
    let status = if diagnostics.iter().any(|d| d.severity == Severity::Error) {
        Status::Partial
    } else {
        Status::Ok
    };
    Document {
        file: file.to_string(),
        status,
        diagnostics,
        header,
        body,
        recipients,
        signature,
        appendix,
        bytes: original.len(),
        // A final line break ends the last line; it does not open another.
        lines: lines.len() - usize::from(norm.text.ends_with('\n')),
        source: "utf-8".to_string(),
        signing: None,
    }
}

// ── Zones ─────────────────────────────────────────────────────────────────────────────

fn is_marker(kind: Rule) -> bool {
    matches!(
        kind,
        Rule::section | Rule::item | Rule::point | Rule::basis | Rule::noi_nhan | Rule::authority
    )
}

/// The line of the type name (THÔNG BÁO …), if one opens a title before the body.
fn find_title(lines: &[Line]) -> Option<usize> {
    for (i, l) in lines.iter().enumerate().take(TITLE_SEARCH_LINES) {
        if l.has(Rule::title_type) {
            return Some(i);
        }
        if l.cells.iter().any(|c| is_marker(c.kind)) {
            return None;
        }
    }
    None
}

fn is_header_kind(kind: Rule) -> bool {
    matches!(
        kind,
        Rule::so_line
            | Rule::date_line
            | Rule::quoc_hieu
            | Rule::tieu_ngu
            | Rule::party_heading
            | Rule::separator
            | Rule::stamp
            | Rule::gazette
            | Rule::page_number
            | Rule::vv_line
            | Rule::kinh_gui
            | Rule::caps_text
    )
}

/// Without a title (a công văn), the header ends at the first line that is not a header
/// line, a wrapped `V/v` subject or a `Kính gửi` entry. Stray lines before the first
/// header anchor (OCR stamps, gazette heads) are tolerated.
fn find_header_end(cx: &Ctx, lines: &[Line]) -> usize {
    let mut anchored = false;
    let mut open = Open::None;
    let mut entries = 0;
    for (i, l) in lines.iter().enumerate() {
        let Some(first) = l.first() else {
            open = open.after_blank(entries > 0);
            continue;
        };
        for c in &l.cells {
            match c.kind {
                Rule::date_line if cx.cell(c).ends_with("Kính gửi:") => {
                    anchored = true;
                    open = Open::Addressees { done: false };
                }
                Rule::so_line | Rule::date_line | Rule::quoc_hieu | Rule::party_heading => {
                    anchored = true
                }
                Rule::vv_line => open = Open::subject(cx.cell(c)),
                Rule::kinh_gui => {
                    let first_entry = cx.part(c, Rule::kg_text).unwrap_or("");
                    entries = usize::from(!first_entry.is_empty());
                    open = Open::addressees(first_entry);
                }
                _ => {}
            }
        }
        // A line holding a header cell stays in the header, even beside a cell that did
        // not read (a garbled motto, a broken Số line).
        let anchor_here = l.cells.iter().any(|c| {
            matches!(
                c.kind,
                Rule::so_line
                    | Rule::date_line
                    | Rule::quoc_hieu
                    | Rule::tieu_ngu
                    | Rule::party_heading
                    | Rule::vv_line
                    | Rule::kinh_gui
            )
        });
        if anchor_here || l.cells.iter().all(|c| is_header_kind(c.kind)) {
            continue;
        }
        let text = cx.cell(first);
        if open.continues_subject(first, text) {
            open = Open::subject(text);
            continue;
        }
        if open.continues_list(first, text) {
            open = Open::addressees(text);
            entries += 1;
            continue;
        }
        if !anchored && i < 40 && !is_marker(first.kind) {
            continue;
        }
        return i;
    }
    lines.len()
}

/// The part of the header that following lines may go on with.
#[derive(PartialEq, Clone, Copy)]
enum Open {
    None,
    /// `done`: its last line ends a sentence.
    Subject {
        done: bool,
    },
    /// A blank line inside an unfinished subject: antiword and pdftotext put one between
    /// paragraphs ("V/v tăng cường kiểm tra" / "" / "dịp Tết Nguyên đán").
    SubjectGap,
    /// `done`: its last entry does not end with `;` or `,` (no more follow).
    Addressees {
        done: bool,
    },
    /// A blank line after an addressee that ends with `;` or `,`.
    AddresseesGap,
}

impl Open {
    /// After a subject line ("V/v …" or its continuation).
    fn subject(line: &str) -> Open {
        Open::Subject {
            done: ends_sentence(line),
        }
    }

    /// After an addressee line ("Kính gửi: …", "- Sở Tài chính;").
    fn addressees(line: &str) -> Open {
        Open::Addressees {
            done: !line.trim_end().ends_with([';', ',']),
        }
    }

    /// What stays open after a blank line: an unfinished subject or addressee list, and
    /// a list that has no entry yet.
    fn after_blank(self, has_entries: bool) -> Open {
        match self {
            Open::Subject { done: false } => Open::SubjectGap,
            Open::Subject { .. } => Open::None,
            Open::Addressees { done: false } if has_entries => Open::AddresseesGap,
            Open::Addressees { .. } if has_entries => Open::None,
            other => other,
        }
    }

    /// Whether a header line goes on with the subject: text that starts in lower case
    /// (or with a digit, right under it).
    fn continues_subject(self, first: &Cell, text: &str) -> bool {
        first.kind == Rule::text
            && match self {
                Open::Subject { .. } => starts_lower_or_digit(text),
                Open::SubjectGap => starts_lower(text),
                _ => false,
            }
    }

    /// Whether a header line goes on with the addressees: a bullet, or right under them
    /// a short line of text.
    fn continues_list(self, first: &Cell, text: &str) -> bool {
        match self {
            Open::Addressees { .. } => {
                first.kind == Rule::bullet
                    || (first.kind == Rule::text && text.chars().count() < 80)
            }
            Open::AddresseesGap => first.kind == Rule::bullet,
            _ => false,
        }
    }
}

fn starts_lower(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_lowercase())
}

fn starts_lower_or_digit(s: &str) -> bool {
    s.chars()
        .next()
        .is_some_and(|c| c.is_lowercase() || c.is_ascii_digit())
}

/// The closing starts at the first `Nơi nhận` or authority line after the body's start,
/// or at the signer's title lines just above it.
fn find_closing(cx: &Ctx, lines: &[Line], from: usize) -> usize {
    // The line after the `./.` end mark, when a signature stands there.
    let after_end_mark = (from..lines.len())
        .find(|&i| {
            let t = cx.line_text(&lines[i]);
            t.ends_with("./.") || t.ends_with("/.")
        })
        .and_then(|i| (i + 1..lines.len()).find(|&j| !lines[j].is_blank()))
        .filter(|&j| {
            lines[j].cells.iter().all(|c| {
                matches!(
                    c.kind,
                    Rule::caps_text
                        | Rule::person_name
                        | Rule::authority
                        | Rule::signed_marker
                        | Rule::noi_nhan
                )
            })
        });
    let anchor = (from..lines.len())
        .find(|&i| lines[i].has(Rule::noi_nhan) || lines[i].has(Rule::authority))
        .map(|i| after_end_mark.map_or(i, |j| j.min(i)))
        .or(after_end_mark)
        .or_else(|| (from..lines.len()).find(|&i| lines[i].has(Rule::signed_marker)))
        .or_else(|| {
            // A head signing alone: a title in capitals over a name, at the very end.
            let last = (from..lines.len()).rev().find(|&i| !lines[i].is_blank())?;
            (lines[last].first()?.kind == Rule::person_name).then_some(last)
        });
    let Some(mut start) = anchor else {
        return lines.len();
    };
    // Walk back over the signer's title when it stands above the anchor.
    let mut i = start;
    while i > from {
        let l = &lines[i - 1];
        if l.is_blank() {
            i -= 1;
            continue;
        }
        let sig = l.cells.iter().all(|c| {
            matches!(
                c.kind,
                Rule::caps_text | Rule::signed_marker | Rule::person_name
            )
        });
        if sig && start - (i - 1) <= 6 {
            i -= 1;
            start = i;
        } else {
            break;
        }
    }
    start
}

// ── Header ────────────────────────────────────────────────────────────────────────────

const PARTY_HEADING: [&str; 2] = ["ĐẢNG CỘNG SẢN VIỆT NAM", "ĐÁNG CỘNG SẢN VIỆT NAM"];

fn read_header(cx: &mut Ctx, lines: &[Line]) -> Header {
    let mut h = Header::default();
    let mut candidates: Vec<(String, Span)> = Vec::new();
    let mut seen_so = false;
    let mut party = false;
    let mut state = false;
    let mut open = Open::None;
    let mut caps_so: Option<Cell> = None;
    // A date line whose year wrapped to the next line of its column (a narrow column in
    // a PDF: "Phan Rang - Tháp Chàm, ngày 04 tháng 02 năm" / "2022"): its day and month.
    let mut year_wrapped: Option<(u32, u32)> = None;
    // A motto wrapped in a narrow right column ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA" / "VIỆT NAM"):
    // the column and line of its first part. The rest, in that column on the next lines,
    // is not part of the issuer's name ("NGÂN HÀNG NHÀ NƯỚC" / "VIỆT NAM" in the left
    // column is).
    let mut motto_wrapped: Option<(usize, usize)> = None;
    let mut after_prose = false;
    for l in lines {
        if l.is_blank() {
            open = open.after_blank(!h.addressees.is_empty());
            continue;
        }
        if let Some((d, m)) = year_wrapped.take() {
            let year = l.cells.iter().find_map(|c| {
                let t = cx.cell(c).trim_end_matches(['.', ',']);
                if t.len() == 4 && t.bytes().all(|b| b.is_ascii_digit()) {
                    t.parse().ok()
                } else {
                    None
                }
            });
            if let Some(y) = year {
                h.date = iso_date(y, m, d);
            }
        }
        for (ci, c) in l.cells.iter().enumerate() {
            let text = cx.cell(c);
            match c.kind {
                // "ĐOÀN KIỂM TRA / THEO QUYẾT ĐỊNH / SỐ 1050/QĐ-SCT": a capitals "SỐ"
                // line inside the issuer's name; the document's own Số line follows.
                Rule::so_line if text.starts_with("SỐ") && !seen_so => {
                    if caps_so.is_none() {
                        caps_so = Some(c.clone());
                    }
                    candidates.push((text.to_string(), cx.span(c.range.clone())));
                }
                Rule::so_line if h.reference.is_none() => {
                    read_symbol(cx, c, &mut h);
                    if c.has(Rule::place) && h.place.is_none() {
                        read_date(cx, c, &mut h);
                    }
                    seen_so = true;
                    if let Some(vv) = cx.part(c, Rule::vv_text) {
                        h.subject = Some(vv.to_string());
                        open = Open::subject(vv);
                    }
                }
                Rule::date_line if h.place.is_none() => {
                    year_wrapped = read_date(cx, c, &mut h);
                    if cx
                        .part(c, Rule::rest)
                        .is_some_and(|r| r.contains("Kính gửi"))
                    {
                        open = Open::Addressees { done: false };
                    }
                }
                Rule::gazette if text.starts_with(CONSOLIDATED) && !seen_so => {
                    candidates.push((text.to_string(), cx.span(c.range.clone())));
                }
                Rule::quoc_hieu | Rule::tieu_ngu => {
                    state = true;
                    if c.kind == Rule::quoc_hieu && !text.ends_with("NAM") {
                        let at = cx.span(c.range.clone());
                        motto_wrapped = Some((at.column, at.line));
                    }
                }
                Rule::party_heading => party = true,
                Rule::stamp => h.stamps.push(text.to_string()),
                Rule::vv_line => {
                    h.subject = cx.part(c, Rule::vv_text).map(String::from);
                    open = Open::subject(h.subject.as_deref().unwrap_or(""));
                }
                Rule::kinh_gui => {
                    let rest = cx.part(c, Rule::kg_text).unwrap_or("");
                    push_entry(&mut h.addressees, rest);
                    open = Open::addressees(rest);
                }
                Rule::caps_text => {
                    let mut s = text.to_string();
                    if let Some(p) = PARTY_HEADING.iter().find_map(|p| s.strip_suffix(p)) {
                        // OCR joins the issuer and the Party heading on one line.
                        party = true;
                        s = p.trim().to_string();
                    }
                    let at = cx.span(c.range.clone());
                    // The rest of a wrapped motto: in its column, or (OCR prints the
                    // columns' lines one after the other) alone on its line.
                    let alone = l.cells.len() == 1 && s == "VIỆT NAM";
                    let motto = s.starts_with("ĐỘC LẬP")
                        || s.starts_with("CỘNG HÒA")
                        || motto_wrapped.is_some_and(|(column, line)| {
                            at.line <= line + 2 && column > 8 && (at.column + 2 >= column || alone)
                        }) && s.starts_with("VIỆT NAM");
                    // A label ("CC:", "NƠI GỬI:") names no body.
                    if !seen_so && !s.is_empty() && !motto && !s.ends_with(':') {
                        if std::mem::take(&mut after_prose) {
                            candidates.clear();
                        }
                        candidates.push((s, at));
                    }
                }
                Rule::bullet if matches!(open, Open::Addressees { .. } | Open::AddresseesGap) => {
                    push_entry(
                        &mut h.addressees,
                        cx.part(c, Rule::bullet_text).unwrap_or(""),
                    );
                    open = Open::addressees(text);
                }
                Rule::text | Rule::person_name => {
                    if ci == 0 && open.continues_subject(c, text) {
                        let s = h.subject.get_or_insert_with(String::new);
                        s.push(' ');
                        s.push_str(text);
                        open = Open::subject(text);
                    } else if matches!(open, Open::Addressees { .. }) && ci == 0 {
                        match h.addressees.last_mut() {
                            Some(last) if !last.ends_with([',', ';', '.']) => {
                                last.push(' ');
                                last.push_str(text);
                            }
                            _ => push_entry(&mut h.addressees, text),
                        }
                        open = Open::addressees(text);
                    } else if let Some(name) = issuer_before_rule(text) {
                        // A flattened export: "… do Bảo hiểm xã hội Việt Nam ban hành.
                        // BẢO HIỂM XÃ HỘI VIỆT NAM --------".
                        candidates.push((name, cx.span(c.range.clone())));
                    } else {
                        // Prose before the Số line (a site's banner over the document)
                        // ends what came before it: a name below it starts afresh.
                        after_prose |= !seen_so && is_prose(text);
                        explain_header_text(cx, c, text);
                    }
                }
                _ => {}
            }
        }
    }
    if party {
        h.dialect = Some(Dialect::Party);
    } else if state {
        h.dialect = Some(Dialect::State);
    } else if let Some(r) = &h.reference {
        h.dialect = Some(if r.contains('-') && r.find('-') < r.find('/') {
            Dialect::Party
        } else {
            Dialect::State
        });
    }
    h.subject = h.subject.map(|s| collapse(&s));
    match caps_so {
        // It was the document's own Số line after all.
        Some(c) if h.reference.is_none() => {
            let at = cx.span(c.range.clone()).start;
            candidates.retain(|(_, sp)| sp.start != at);
            read_symbol(cx, &c, &mut h);
        }
        _ => {}
    }
    pick_issuer(&mut h, candidates);
    h
}

/// A line of prose: four words or more, most of them in small letters.
fn is_prose(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    let small = words
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_lowercase))
        .count();
    words.len() >= 4 && small * 2 > words.len()
}

/// The capitals words just before a trailing rule (`--------`), if there are two or more.
fn issuer_before_rule(text: &str) -> Option<String> {
    let body = text.strip_suffix("---")?.trim_end_matches(['-', '_', ' ']);
    let words: Vec<&str> = body.split_whitespace().collect();
    let caps =
        |w: &&str| w.chars().all(|c| !c.is_lowercase()) && w.chars().any(|c| c.is_uppercase());
    let n = words.iter().rev().take_while(|w| caps(w)).count();
    (n >= 2).then(|| words[words.len() - n..].join(" "))
}

fn push_entry(list: &mut Vec<String>, text: &str) {
    let t = text
        .trim()
        .trim_start_matches('-')
        .trim()
        .trim_end_matches([';', ',', '.']);
    if !t.is_empty() {
        list.push(t.to_string());
    }
}

fn starts_issuer_head(s: &str) -> bool {
    lex().issuer_heads.iter().any(|h| {
        s.strip_prefix(h)
            .is_some_and(|r| r.is_empty() || r.starts_with(' '))
    })
}

/// The issuer is the last capitals line above the Số line; its parent the one before.
fn pick_issuer(h: &mut Header, mut c: Vec<(String, Span)>) {
    for (s, _) in c.iter_mut() {
        // "BỘ KHOA  HỌC": spaces inside a name are one space.
        *s = collapse(s);
        // The motto run into the name by one space ("CHÍNH PHỦ CỘNG HÒA XÃ HỘI CHỦ NGHĨA
        // VIỆT NAM"); not the country's name in a party's ("CHÍNH PHỦ NƯỚC CỘNG HÒA …").
        if let Some(name) = s.strip_suffix(MOTTO).map(str::trim_end)
            && !name.is_empty()
            && !name.ends_with("NƯỚC")
        {
            *s = name.to_string();
        }
    }
    // A line that opens with "VÀ" goes on with the name above it ("BỘ LAO ĐỘNG - THƯƠNG
    // BINH" / "VÀ XÃ HỘI").
    let mut i = 1;
    while i < c.len() {
        if c[i].0 == "VÀ" || c[i].0.starts_with("VÀ ") {
            let (rest, _) = c.remove(i);
            c[i - 1].0.push(' ');
            c[i - 1].0.push_str(&rest);
        } else {
            i += 1;
        }
    }
    // The gazette's heading over a consolidated text ("VĂN BẢN HỢP NHẤT - BỘ …") names
    // its issuer, when the text's own header does not.
    let heading = CONSOLIDATED.trim_end();
    if c.iter().any(|(s, _)| !s.starts_with(heading)) {
        c.retain(|(s, _)| !s.starts_with(heading));
    } else {
        for (s, _) in c.iter_mut() {
            *s = s.strip_prefix(CONSOLIDATED).unwrap_or(s).to_string();
        }
    }
    c.dedup_by(|a, b| a.0 == b.0);
    // Join a wrapped name back into one line.
    while c.len() >= 2 {
        let n = c.len();
        let prev_open =
            c[n - 2].0.ends_with(" VÀ") || c[n - 2].0.ends_with(',') || c[n - 2].0.ends_with('-');
        let last_head = starts_issuer_head(&c[n - 1].0);
        // "ỦY BAN NHÂN DÂN" / "TỈNH LÀO CAI": a place line ends the name above it; so does
        // the country ("NGÂN HÀNG NHÀ NƯỚC" / "VIỆT NAM").
        let place_tail = (lex().place_heads.iter().any(|p| opens_with(&c[n - 1].0, p))
            && !c[n - 1].0.contains(" ỦY"))
            || c[n - 1].0 == "VIỆT NAM";
        if prev_open || place_tail || (!last_head && n >= 3) {
            let (last, _) = c.pop().unwrap();
            let prev = &mut c[n - 2].0;
            prev.push(' ');
            prev.push_str(&last);
        } else {
            break;
        }
    }
    if let Some((issuer, span)) = c.pop() {
        h.issuer = Some(issuer);
        h.spans.issuer = Some(span);
    }
    // The parent's name may be wrapped too ("BAN CHẤP HÀNH" / "TRUNG ƯƠNG", "UBND" /
    // "TỈNH LÀO CAI"): a line that opens no name goes with the line above it.
    let mut parent = c.pop().map(|(s, _)| s);
    if let (Some(p), Some((above, _))) = (&mut parent, c.last())
        && !starts_issuer_head(p)
    {
        *p = format!("{above} {p}");
    }
    h.issuer_parent = parent.filter(|p| Some(p) != h.issuer.as_ref());
}

/// The heading over a consolidated text's own Số line and signature.
const AUTHENTICATED: &str = "XÁC THỰC VĂN BẢN HỢP NHẤT";
/// The Official Gazette's heading over a consolidated text: "VĂN BẢN HỢP NHẤT - BỘ …".
const CONSOLIDATED: &str = "VĂN BẢN HỢP NHẤT - ";
/// The state motto's first line, in normalized form.
const MOTTO: &str = " CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";

/// One code that is a type code and a known issuer code run together: (type, issuer).
fn joined_codes(codes: &[String]) -> Option<(&'static str, &str)> {
    let [code] = codes else { return None };
    lex().type_codes.iter().find_map(|t| {
        let rest = code.strip_prefix(t)?;
        lex().known_issuers.contains(&rest).then_some((*t, rest))
    })
}

fn read_symbol(cx: &Ctx, c: &Cell, h: &mut Header) {
    let Some(sym) = c.part(Rule::symbol) else {
        return;
    };
    // A number OCR could not read ("⁄‡6 /CT-UBND") is left out, as a blank one is: the
    // symbol alone, never digits that cannot be trusted.
    let read_from = c
        .part(Rule::unread)
        .filter(|u| sym.contains(&u.start))
        .map_or(sym.start, |u| u.end);
    let reference: String = cx
        .text(read_from..sym.end)
        .chars()
        .filter(|ch| !ch.is_whitespace())
        .collect();
    h.reference = Some(reference.trim_end_matches('-').to_string());
    h.spans.reference = Some(cx.span(c.range.clone()));
    h.number = cx.part(c, Rule::number).map(String::from);
    h.symbol_year = cx.part(c, Rule::year).and_then(|y| y.parse().ok());
    let codes: Vec<String> = cx
        .part(c, Rule::codes)
        .unwrap_or("")
        .split('-')
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    if let Some(t) = cx.part(c, Rule::party_type) {
        h.type_code = Some(t.to_string());
        h.issuer_code = Some(codes.join("-"));
    } else if let Some((t, issuer)) = joined_codes(&codes) {
        h.type_code = Some(t.to_string());
        h.issuer_code = Some(issuer.to_string());
    } else if let Some(first) = codes.first() {
        if lex().type_codes.contains(&first.as_str()) && codes.len() > 1 {
            h.type_code = Some(first.clone());
            h.issuer_code = Some(codes[1..].join("-"));
        } else {
            // A công văn: issuer and drafting unit, no type code.
            h.issuer_code = Some(codes.join("-"));
        }
    }
}

/// The place and date of a date line; the day and month when its year is missing (in a
/// narrow column it may have wrapped to the next line).
fn read_date(cx: &Ctx, c: &Cell, h: &mut Header) -> Option<(u32, u32)> {
    h.place = cx.part(c, Rule::place).map(String::from);
    h.spans.date = Some(cx.span(c.range.clone()));
    let num = |r: Rule| cx.part(c, r).and_then(|s| s.parse::<u32>().ok());
    match (num(Rule::day), num(Rule::month), num(Rule::year)) {
        (Some(d), Some(m), Some(y)) => {
            h.date = iso_date(y, m, d);
            None
        }
        (Some(d), Some(m), None) => Some((d, m)),
        _ => None,
    }
}

/// A law carries no date line: it is dated by its closing sentence, "Luật này được
/// Quốc hội … thông qua ngày 27 tháng 11 năm 2024".
fn adoption_date(body: &[Node]) -> Option<String> {
    fn walk<'a>(nodes: &'a [Node], out: &mut Vec<&'a str>) {
        for n in nodes {
            out.push(&n.text);
            walk(&n.children, out);
        }
    }
    let mut texts = Vec::new();
    walk(body, &mut texts);
    for t in texts.into_iter().rev().take(5) {
        let Some(at) = t.find("thông qua ngày") else {
            continue;
        };
        let nums: Vec<u32> = t[at..]
            .split(|c: char| !c.is_ascii_digit())
            .filter(|s| !s.is_empty())
            .take(3)
            .filter_map(|s| s.parse().ok())
            .collect();
        if let [d, m, y] = nums[..] {
            return iso_date(y, m, d);
        }
    }
    None
}

/// `YYYY-MM-DD` when the date exists.
pub fn iso_date(y: u32, m: u32, d: u32) -> Option<String> {
    let leap = (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400);
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    (d >= 1 && d <= days && (1900..=2100).contains(&y)).then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// A header line that looks like a Số line or a date line but is not one: say where the
/// grammar stopped and what it expected there.
fn explain_header_text(cx: &mut Ctx, c: &Cell, text: &str) {
    let start = c.range.start
        + (cx.norm.text[c.range.clone()].len() - cx.norm.text[c.range.clone()].trim_start().len());
    let (rule, what) = if (text.starts_with("Số") || text.starts_with("SỐ")) && text.contains('/')
    {
        (Rule::so_line, "number and symbol line")
    } else if text.contains(", ngày") || text.contains(",ngày") {
        (Rule::date_line, "place and date line")
    } else {
        return;
    };
    if let Some((pos, expected)) = grammar::explain(rule, text) {
        cx.diag(
            start + pos,
            Severity::Warning,
            format!("this looks like a {what} but does not read as one"),
            expected,
        );
    }
}

// ── Title ─────────────────────────────────────────────────────────────────────────────

/// "Thông tư số 86/2024/TT-BTC ngày …", "Nghị định số 181/…": a consolidated text's
/// preamble names the acts it merges; a title never opens that way.
fn cites_an_act(text: &str) -> bool {
    const ACTS: &[&str] = &[
        "Thông tư",
        "Nghị định",
        "Quyết định",
        "Nghị quyết",
        "Luật",
        "Pháp lệnh",
        "Thông tư liên tịch",
    ];
    ACTS.iter().any(|a| {
        text.strip_prefix(a).is_some_and(|rest| {
            rest.split_whitespace().take(6).any(|w| w == "số") && rest.contains('/')
        })
    })
}

/// Read the title block from the type name to the rule under it; returns the next line.
fn read_title(cx: &Ctx, lines: &[Line], t: usize, h: &mut Header) -> usize {
    let first = lines[t].find(Rule::title_type).expect("title line");
    h.type_name = cx.part(first, Rule::type_name).map(String::from);
    h.spans.title = Some(cx.span(first.range.clone()));
    let mut pieces = vec![cx.cell(first).to_string()];
    let mut seen_lower = false;
    let mut blanks = 0;
    let mut i = t + 1;
    while i < lines.len() && i < t + 24 {
        let l = &lines[i];
        let Some(c) = l.first() else {
            blanks += 1;
            if blanks >= 2 && pieces.len() > 1 {
                break;
            }
            i += 1;
            continue;
        };
        match c.kind {
            Rule::separator => {
                i += 1;
                break;
            }
            Rule::caps_text if seen_lower && blanks > 0 => break,
            Rule::caps_text | Rule::title_type | Rule::vv_line | Rule::text | Rule::person_name => {
                let text = cx.line_text(l);
                let n = text.chars().count();
                let sentence = lex().sentence_openers.iter().any(|o| opens_word(&text, o))
                    || cites_an_act(&text);
                // A subject in capitals may be long; a long line in lower case is a paragraph.
                let limit = if c.kind == Rule::caps_text { 400 } else { 160 };
                // After a blank line under a subject, a line ending a sentence is the body's.
                let after_gap = blanks > 0 && seen_lower && text.ends_with(['.', ':']);
                if n > limit || sentence || after_gap || (n > 80 && text.ends_with(['.', ':'])) {
                    break;
                }
                seen_lower |= text.chars().any(|ch| ch.is_lowercase());
                pieces.push(text);
            }
            _ => break,
        }
        blanks = 0;
        i += 1;
    }
    h.title = Some(collapse(&pieces.join(" ")));
    i
}

/// Type code of a title's type name.
fn type_code_of(name: &str, dialect: Option<Dialect>) -> Option<&'static str> {
    let party = dialect == Some(Dialect::Party);
    Some(match name {
        "THÔNG BÁO" => "TB",
        "QUYẾT ĐỊNH" => "QĐ",
        "QUY ĐỊNH" if party => "QĐi",
        "QUY ĐỊNH" => "QyĐ",
        "KẾT LUẬN" | "KÉT LUẬN" => "KL",
        "CHỈ THỊ" => "CT",
        "NGHỊ QUYẾT LIÊN TỊCH" => "NQLT",
        "NGHỊ QUYẾT" => "NQ",
        "NGHỊ ĐỊNH" => "NĐ",
        "THÔNG TƯ LIÊN TỊCH" => "TTLT",
        "THÔNG TƯ" => "TT",
        "THÔNG TRI" => "TTri",
        "THÔNG CÁO" => "TC",
        "KẾ HOẠCH" => "KH",
        "BÁO CÁO" => "BC",
        "TỜ TRÌNH" => "TTr",
        "BIÊN BẢN" => "BB",
        "HƯỚNG DẪN" => "HD",
        "CHƯƠNG TRÌNH" => "CTr",
        "CÔNG ĐIỆN" => "CĐ",
        "CÔNG VĂN" => "CV",
        "GIẤY MỜI" => "GM",
        "GIẤY GIỚI THIỆU" => "GGT",
        "GIẤY PHÉP" => "GP",
        "GIẤY CHỨNG NHẬN" => "GCN",
        "GIẤY ỦY QUYỀN" => "GUQ",
        "GIẤY NGHỈ PHÉP" => "GNP",
        "PHIẾU GỬI" => "PG",
        "PHIẾU CHUYỂN" => "PC",
        "PHIẾU BÁO" => "PB",
        "QUY CHẾ" => "QC",
        "ĐỀ ÁN" => "ĐA",
        "PHƯƠNG ÁN" => "PA",
        "DỰ ÁN" => "DA",
        "PHÁP LỆNH" => "PL",
        "LUẬT" => "L",
        "LỆNH" => "LCT",
        "HỢP ĐỒNG" => "HĐ",
        "BẢN GHI NHỚ" => "BGN",
        "BẢN THỎA THUẬN" => "BTT",
        "VĂN BẢN HỢP NHẤT" => "VBHN",
        "QUY TRÌNH" => "QT",
        _ => return None,
    })
}

// ── Body ──────────────────────────────────────────────────────────────────────────────

/// Where a marker ranks: a new marker closes every open node that ranks below it
/// (a higher number), and every node down to one of its own style.
fn rank_and_style(cx: &Ctx, c: &Cell) -> (u8, String) {
    let marker = |r: Rule| cx.part(c, r).unwrap_or("");
    match c.kind {
        Rule::section => {
            let m = marker(Rule::section_marker);
            let word = m.split_whitespace().next().unwrap_or("").to_lowercase();
            let roman = word.starts_with(['i', 'v', 'x']);
            // "A.", "B.": a plan's parts, above its roman sections.
            let letter = !roman && word.chars().count() == 2;
            let word = match (roman, letter) {
                (true, _) => "roman".to_string(),
                (_, true) => "letter".to_string(),
                _ => word,
            };
            let rank = match word.as_str() {
                "phần" => 0,
                "chương" => 1,
                "mục" => 2,
                "tiểu" | "letter" => 3,
                "điều" => 5,
                _ => 4, // roman numerals
            };
            let sep: String = m
                .chars()
                .filter(|ch| !ch.is_alphanumeric() && *ch != ' ')
                .collect();
            (rank, format!("section:{word}{sep}"))
        }
        Rule::item => {
            let m = marker(Rule::item_marker);
            let depth = m
                .split('.')
                .filter(|p| p.chars().any(|ch| ch.is_ascii_digit()))
                .count();
            let sep = m
                .chars()
                .last()
                .filter(|ch| !ch.is_ascii_digit())
                .unwrap_or(' ');
            (10 + depth.min(9) as u8, format!("item:{depth}{sep}"))
        }
        Rule::point => {
            let sep = marker(Rule::point_marker).chars().last().unwrap_or(')');
            (20, format!("point:{sep}"))
        }
        _ => {
            let m = marker(Rule::bullet_marker);
            let rank = if m == "-" { 30 } else { 31 };
            (rank, format!("bullet:{m}"))
        }
    }
}

/// Deepest nesting kept in the body; deeper markers become siblings at this depth.
const MAX_DEPTH: usize = 32;

struct OpenNode {
    node: Node,
    rank: u8,
    style: String,
}

/// Builds nested nodes from lines with a stack of open nodes.
struct BodyBuilder {
    root: Vec<Node>,
    stack: Vec<OpenNode>,
    /// The last node that took text, and whether the next line may continue it.
    can_continue: bool,
}

impl BodyBuilder {
    fn close_one(&mut self) {
        let o = self.stack.pop().expect("open node");
        match self.stack.last_mut() {
            Some(parent) => parent.node.children.push(o.node),
            None => self.root.push(o.node),
        }
    }

    fn push(&mut self, node: Node, rank: u8, style: String) {
        if let Some(pos) = self.stack.iter().rposition(|o| o.style == style) {
            while self.stack.len() > pos {
                self.close_one();
            }
        } else {
            while self.stack.last().is_some_and(|o| o.rank > rank) {
                self.close_one();
            }
        }
        // Real documents nest a few levels; a hostile one (`1.1.1.1.…`) must not build a
        // tree too deep to print or drop.
        if self.stack.len() >= MAX_DEPTH {
            self.close_one();
        }
        self.stack.push(OpenNode { node, rank, style });
    }

    /// A paragraph belongs to the nearest open section, item or point, never to a bullet.
    fn paragraph(&mut self, node: Node) {
        while self
            .stack
            .last()
            .is_some_and(|o| o.node.kind == NodeKind::Bullet)
        {
            self.close_one();
        }
        self.push_leaf(node);
    }

    fn push_leaf(&mut self, node: Node) {
        match self.stack.last_mut() {
            Some(o) => o.node.children.push(node),
            None => self.root.push(node),
        }
    }

    /// The node that the last line's text went into.
    fn last_text_node(&mut self) -> Option<&mut Node> {
        let top = match self.stack.last_mut() {
            Some(o) => &mut o.node,
            None => return self.root.last_mut(),
        };
        // The last leaf added after the top node opened, else the top node itself.
        if top.children.last().is_some_and(|c| {
            c.children.is_empty() && matches!(c.kind, NodeKind::Paragraph | NodeKind::Basis)
        }) {
            return top.children.last_mut();
        }
        Some(top)
    }

    fn finish(mut self) -> Vec<Node> {
        while !self.stack.is_empty() {
            self.close_one();
        }
        self.root
    }
}

/// Whether a text opened a quotation it has not closed.
fn quote_open(text: &str) -> bool {
    text.matches('“').count() > text.matches('”').count()
}

fn ends_sentence(s: &str) -> bool {
    s.ends_with(['.', ':', ';', '!', '?'])
}

/// A header block printed among the body's lines, as a PDF's text layer may order it
/// (a gazette: "3. Các tổ chức …" / "CHÍNH PHỦ" / "Số: 135/2026/NĐ-CP" / "CỘNG HÒA …" /
/// "Hà Nội, ngày 07 tháng 4 năm 2026" / "Điều 3 …"), read when the header has no Số line:
/// a Số line within three lines of a motto or a date line, that date line, and the
/// capitals just above the Số line as the issuer when the header had none. Its lines stay
/// in the body.
fn read_displaced_header(cx: &Ctx, lines: &[Line], header: &mut Header) {
    // A cell of one of `kinds` on the three lines above line `i` or the `below` under it.
    let near = |i: usize, below: usize, kinds: &[Rule]| {
        let (from, to) = (i.saturating_sub(3), (i + below + 1).min(lines.len()));
        (from..to)
            .filter(|&j| j != i)
            .find_map(|j| lines[j].cells.iter().find(|c| kinds.contains(&c.kind)))
    };
    for (i, l) in lines.iter().enumerate() {
        let Some(so) = l.find(Rule::so_line) else {
            continue;
        };
        if near(i, 3, &[Rule::quoc_hieu, Rule::tieu_ngu, Rule::date_line]).is_none() {
            continue;
        }
        read_symbol(cx, so, header);
        // The date may stand under the motto and a rule: up to six lines below.
        if header.place.is_none()
            && let Some(date) = near(i, 6, &[Rule::date_line])
        {
            read_date(cx, date, header);
        }
        if header.issuer.is_none() {
            // The capitals lines right above, over a rule, blank lines and a consolidated
            // text's "XÁC THỰC VĂN BẢN HỢP NHẤT".
            let mut name: Vec<(String, Span)> = Vec::new();
            for above in lines[i.saturating_sub(6)..i].iter().rev() {
                match above.cells.first() {
                    Some(a) if a.kind == Rule::caps_text && cx.cell(a) == AUTHENTICATED => {}
                    Some(a) if a.kind == Rule::caps_text => {
                        name.insert(0, (cx.cell(a).to_string(), cx.span(a.range.clone())))
                    }
                    Some(a) if a.kind != Rule::separator => break,
                    _ => {}
                }
            }
            pick_issuer(header, name);
        }
        return;
    }
}

/// Nest the body's lines. `header` receives `Kính gửi` lines met before the first marker
/// (a tờ trình puts them under its title).
fn build_body(cx: &Ctx, lines: &[Line], mut header: Option<&mut Header>) -> Vec<Node> {
    let mut b = BodyBuilder {
        root: Vec::new(),
        stack: Vec::new(),
        can_continue: false,
    };
    let mut seen_marker = false;
    let mut prev_len = 0;
    // The line above ended a clause (";" or ","), not a sentence.
    let mut prev_clause_end = false;
    let mut addressees_open = false;
    // A page's number and the blank lines around it: the text of the page before may go on.
    let mut at_page_break = false;
    for l in lines {
        let Some(first) = l.first() else {
            if !at_page_break {
                b.can_continue = false;
                prev_clause_end = false;
            }
            addressees_open = false;
            continue;
        };
        let page_number = first.kind == Rule::page_number && l.cells.len() == 1;
        at_page_break = page_number;
        let span = cx.line_span(l);
        let whole = cx.line_text(l);
        match first.kind {
            // A number alone is a page's; a number before other cells opens a table row
            // ("1<TAB>Xây dựng đề án …<TAB>Sở Tài chính").
            Rule::page_number if l.cells.len() > 1 => {}
            Rule::page_number => continue,
            Rule::separator | Rule::gazette => {
                b.can_continue = false;
                continue;
            }
            Rule::kinh_gui if !seen_marker && header.is_some() => {
                if let Some(h) = header.as_deref_mut() {
                    push_entry(
                        &mut h.addressees,
                        cx.part(first, Rule::kg_text).unwrap_or(""),
                    );
                }
                addressees_open = true;
                continue;
            }
            Rule::bullet if addressees_open => {
                if let Some(h) = header.as_deref_mut() {
                    push_entry(
                        &mut h.addressees,
                        cx.part(first, Rule::bullet_text).unwrap_or(""),
                    );
                }
                continue;
            }
            // "… chương trình “Festival Thăng Long" / "- Hà Nội, lần thứ II năm 2026”.": a
            // dash inside a quoted name, wrapped to the start of a line, is no bullet.
            Rule::bullet
                if b.can_continue && b.last_text_node().is_some_and(|n| quote_open(&n.text)) => {}
            Rule::section | Rule::item | Rule::point | Rule::bullet => {
                addressees_open = false;
                seen_marker = true;
                let (rank, style) = rank_and_style(cx, first);
                let marker_rule = match first.kind {
                    Rule::section => Rule::section_marker,
                    Rule::item => Rule::item_marker,
                    Rule::point => Rule::point_marker,
                    _ => Rule::bullet_marker,
                };
                let marker = cx.part(first, marker_rule).unwrap_or("").to_string();
                let text = collapse(whole.strip_prefix(marker.as_str()).unwrap_or(&whole));
                let kind = match first.kind {
                    Rule::section => NodeKind::Section,
                    Rule::item => NodeKind::Item,
                    Rule::point => NodeKind::Point,
                    _ => NodeKind::Bullet,
                };
                prev_len = whole.chars().count();
                prev_clause_end = whole.trim_end().ends_with([';', ',']);
                b.can_continue = !ends_sentence(&text);
                b.push(
                    Node {
                        kind,
                        marker: Some(marker),
                        text,
                        span,
                        directive: None,
                        cells: Vec::new(),
                        children: Vec::new(),
                    },
                    rank,
                    style,
                );
                continue;
            }
            _ => {}
        }
        addressees_open = false;
        // `Chương I` / `NHỮNG QUY ĐỊNH CHUNG`: a heading printed under its marker.
        if let Some(top) = b.stack.last_mut()
            && top.node.kind == NodeKind::Section
            && top.node.text.is_empty()
            && top.node.children.is_empty()
        {
            top.node.text = whole;
            top.node.span.end = span.end;
            b.can_continue = false;
            continue;
        }
        // A wrapped line continues the text above: the line above was long and did not
        // end a sentence, or this one starts in lower case.
        let row = first.kind == Rule::page_number && l.cells.len() > 1;
        let lower =
            starts_lower(&whole) || (whole.starts_with(|c: char| c.is_ascii_digit()) && !row);
        // A hard-wrapped clause list: a long line ending with ";" or "," and one that goes
        // on in lower case.
        let wrapped_clause = prev_len >= 60 && prev_clause_end && starts_lower(&whole);
        if (b.can_continue || wrapped_clause)
            && !row
            && (lower || prev_len >= 60)
            && let Some(n) = b.last_text_node()
        {
            n.text.push(' ');
            n.text.push_str(&whole);
            n.span.end = span.end;
            b.can_continue = !ends_sentence(&whole);
            prev_len = whole.chars().count();
            prev_clause_end = whole.trim_end().ends_with([';', ',']);
            continue;
        }
        let kind = if first.kind == Rule::basis && !seen_marker {
            NodeKind::Basis
        } else {
            NodeKind::Paragraph
        };
        prev_len = whole.chars().count();
        prev_clause_end = whole.trim_end().ends_with([';', ',']);
        // A table row is whole: the line after it starts another.
        b.can_continue = !row && !ends_sentence(&whole);
        // A line of three columns or more is a table's row: its cells are kept.
        let cells = if l.cells.len() >= 3 {
            l.cells.iter().map(|c| collapse(cx.cell(c))).collect()
        } else {
            Vec::new()
        };
        b.paragraph(Node {
            kind,
            marker: None,
            text: whole,
            span,
            directive: None,
            cells,
            children: Vec::new(),
        });
    }
    let mut nodes = b.finish();
    lift_closing(&mut nodes);
    nodes
}

/// The paragraph that ends with the `./.` mark closes the document, whatever section it
/// was printed under: move it to the top level as `closing`.
fn lift_closing(nodes: &mut Vec<Node>) {
    fn last_leaf_is_closing(nodes: &mut Vec<Node>) -> Option<Node> {
        let last = nodes.last_mut()?;
        if last.children.is_empty() {
            let t = last.text.trim_end();
            if last.kind == NodeKind::Paragraph && (t.ends_with("./.") || t.ends_with("/.")) {
                return nodes.pop();
            }
            return None;
        }
        last_leaf_is_closing(&mut last.children)
    }
    if let Some(mut closing) = last_leaf_is_closing(nodes) {
        closing.kind = NodeKind::Closing;
        nodes.push(closing);
    }
}

// ── Closing ───────────────────────────────────────────────────────────────────────────

fn read_closing(
    cx: &Ctx,
    lines: &[Line],
    start: usize,
    header: &mut Header,
) -> (Vec<Recipient>, Option<Signature>, usize) {
    let mut recipients: Vec<Recipient> = Vec::new();
    let mut sig = Signature::default();
    let mut sig_seen = false;
    let mut sig_span: Option<Span> = None;
    let mut in_recipients = false;
    let mut recipients_closed = false;
    // The last entry did not end with `;`, `,` or `.`: a wrapped line may continue it.
    let mut last_open = false;
    let mut i = start;
    let mut title_lines: Vec<String> = Vec::new();
    let mut issuer_lines: Vec<String> = Vec::new();
    'lines: while i < lines.len() {
        let l = &lines[i];
        if l.is_blank() {
            i += 1;
            continue;
        }
        let signer_found = sig.signer.is_some();
        let first = l.first().expect("non-blank");
        // What may stand in a closing; anything else ends it.
        let fits = l.cells.iter().enumerate().all(|(ci, c)| match c.kind {
            Rule::noi_nhan
            | Rule::authority
            | Rule::signed_marker
            | Rule::separator
            | Rule::page_number
            | Rule::gazette => true,
            Rule::bullet => {
                in_recipients && !recipients_closed || (!signer_found && !in_recipients)
            }
            Rule::caps_text | Rule::person_name => true,
            // A consolidated text (VBHN) prints its own Số and date above the signature.
            Rule::so_line | Rule::date_line => !signer_found,
            Rule::text => {
                let t = cx.cell(c);
                (in_recipients && !recipients_closed && ci == 0)
                    || (!signer_found && t.chars().count() < 40)
            }
            _ => false,
        });
        if !fits
            || (signer_found
                && first.kind == Rule::caps_text
                && (recipients_closed || !in_recipients))
        {
            break 'lines;
        }
        for (ci, c) in l.cells.iter().enumerate() {
            let text = cx.cell(c);
            let span = cx.span(c.range.clone());
            // Under the signed mark, the name after what OCR made of the signature's ink.
            if c.kind == Rule::text
                && sig.signer.is_none()
                && sig.signed_marker.is_some()
                && let Some(name) = name_after_ink(text)
            {
                sig.signer = Some(name);
                sig_span.get_or_insert(span);
                continue;
            }
            match c.kind {
                Rule::noi_nhan => {
                    in_recipients = true;
                    if c.has(Rule::authority) {
                        sig_seen = true;
                        sig_span.get_or_insert(span);
                        sig.authorities.push(Authority {
                            prefix: cx.part(c, Rule::auth_prefix).unwrap_or("").to_string(),
                            text: collapse(cx.part(c, Rule::auth_text).unwrap_or("")),
                        });
                    }
                    let rest = cx.part(c, Rule::nn_text).unwrap_or("");
                    if rest.starts_with('-') {
                        last_open = add_recipient(&mut recipients, rest, span);
                    }
                }
                Rule::bullet => {
                    in_recipients = true;
                    last_open = add_recipient(&mut recipients, text, span);
                    if recipients.last().is_some_and(|r| r.archive)
                        && text.trim_end().ends_with('.')
                    {
                        recipients_closed = true;
                    }
                }
                Rule::text
                    if ci == 0
                        && in_recipients
                        && !recipients_closed
                        && !last_open
                        && !starts_lower(text)
                        // "(để đưa tin)" under an entry is the entry's.
                        && !text.trim_start().starts_with('(') =>
                {
                    // An entry whose dash was lost.
                    last_open = add_recipient(&mut recipients, text, span);
                }
                Rule::text if ci == 0 && in_recipients && !recipients_closed => {
                    if let Some(r) = recipients.last_mut() {
                        r.text.push(' ');
                        r.text.push_str(&clean_entry(text));
                        r.span.end = span.end;
                        last_open = !text.trim_end().ends_with(['.', ';']);
                    }
                }
                Rule::authority => {
                    sig_seen = true;
                    sig_span.get_or_insert(span);
                    if sig.authorities.len() < 2 {
                        let full = collapse(cx.part(c, Rule::auth_text).unwrap_or(""));
                        // A flattened export puts the whole block on one line:
                        // "KT. TỔNG GIÁM ĐỐC PHÓ TỔNG GIÁM ĐỐC Phạm Lương Sơn".
                        let (caps, name) = split_name_tail(&full);
                        let (text, title) = match caps.find(" PHÓ ") {
                            Some(at) if name.is_some() => {
                                (caps[..at].to_string(), Some(caps[at + 1..].to_string()))
                            }
                            _ => (caps.to_string(), None),
                        };
                        if let Some(t) = title {
                            title_lines.push(t);
                        }
                        if let Some(n) = name {
                            sig.signer.get_or_insert(n);
                        }
                        sig.authorities.push(Authority {
                            prefix: cx.part(c, Rule::auth_prefix).unwrap_or("").to_string(),
                            text,
                        });
                    }
                }
                Rule::so_line if header.reference.is_none() => {
                    read_symbol(cx, c, header);
                    if !issuer_lines.is_empty() && header.issuer.is_none() {
                        header.issuer = Some(issuer_lines.join(" "));
                        header.spans.issuer = Some(span);
                    }
                }
                Rule::date_line if header.place.is_none() => {
                    read_date(cx, c, header);
                }
                Rule::caps_text if text == AUTHENTICATED => {
                    header.doc_type.get_or_insert_with(|| "VBHN".into());
                }
                Rule::signed_marker => {
                    sig_seen = true;
                    sig.signed_marker.get_or_insert_with(|| text.to_string());
                }
                Rule::person_name if sig.signer.is_none() => {
                    sig_seen = true;
                    sig_span.get_or_insert(span);
                    sig.signer = Some(collapse(text));
                    if let Some(s) = sig_span.as_mut() {
                        s.end = span.end;
                    }
                }
                // A consolidated text's certification: the issuer's name (maybe wrapped)
                // over "XÁC THỰC VĂN BẢN HỢP NHẤT" and its own Số line.
                Rule::caps_text
                    if sig.authorities.is_empty() && certification_follows(cx, lines, i) =>
                {
                    issuer_lines.push(collapse(text));
                }
                Rule::caps_text if sig.signer.is_none() => {
                    sig_seen = true;
                    sig_span.get_or_insert(span);
                    let words = text.split_whitespace().count();
                    let titled = lex().title_words.iter().any(|w| text.contains(w));
                    // A name in capitals: after the marker, or under a title, never a title word.
                    if (sig.signed_marker.is_some() || !title_lines.is_empty())
                        && !titled
                        && (2..=5).contains(&words)
                    {
                        sig.signer = Some(collapse(text));
                        if let Some(s) = sig_span.as_mut() {
                            s.end = span.end;
                        }
                    } else {
                        title_lines.push(collapse(text));
                    }
                }
                // "kiêm" between two titles; not a remark in brackets beside the
                // recipients ("(để ph/h th/h)").
                Rule::text
                    if (!in_recipients || ci > 0)
                        && !title_lines.is_empty()
                        && sig.signer.is_none()
                        && !text.trim_start().starts_with('(') =>
                {
                    title_lines.push(collapse(text));
                }
                _ => {}
            }
        }
        i += 1;
    }
    if let Some(a) = sig.authorities.first() {
        sig.authority = Some(a.prefix.clone());
        sig.on_behalf_of = Some(a.text.clone());
    }
    if !title_lines.is_empty() {
        sig.title = Some(title_lines.join(" "));
    }
    let signature = sig_seen.then(|| {
        sig.span = sig_span.unwrap_or_default();
        sig
    });
    close_entries(&mut recipients);
    (recipients, signature, i)
}

/// Whether "XÁC THỰC VĂN BẢN HỢP NHẤT" or a Số line is among the next three lines.
fn certification_follows(cx: &Ctx, lines: &[Line], i: usize) -> bool {
    lines[i + 1..]
        .iter()
        .filter(|l| !l.is_blank())
        .take(3)
        .any(|l| {
            l.cells.iter().any(|c| {
                c.kind == Rule::so_line
                    || (c.kind == Rule::caps_text && cx.cell(c) == "XÁC THỰC VĂN BẢN HỢP NHẤT")
            })
        })
}

/// Split "TỔNG GIÁM ĐỐC Phạm Lương Sơn" into the capitals and a trailing name of two
/// to six capitalised words.
fn split_name_tail(s: &str) -> (&str, Option<String>) {
    let words: Vec<&str> = s.split(' ').collect();
    let capitalised = |w: &&str| {
        let mut cs = w.chars();
        cs.next().is_some_and(|c| c.is_uppercase())
            && cs.clone().count() > 0
            && cs.all(|c| c.is_lowercase())
    };
    let n = words.iter().rev().take_while(|w| capitalised(w)).count();
    if (2..=6).contains(&n) && n < words.len() {
        let cut = words[..words.len() - n].join(" ").len();
        (s[..cut].trim(), Some(words[words.len() - n..].join(" ")))
    } else {
        (s, None)
    }
}

/// "là Phạm Đức Sơn", "HuÝu Ỹ Lê Thị Dũng": a name of capitalised words after one or
/// two marks of a signature read as letters (short, and no word of three letters or more).
fn name_after_ink(text: &str) -> Option<String> {
    let (ink, name) = split_name_tail(text.trim());
    let marks: Vec<&str> = ink.split_whitespace().collect();
    let mark = |w: &&str| {
        let letters: String = w.chars().filter(|c| c.is_alphabetic()).collect();
        let word = crate::syllable::is_syllable(&letters)
            && letters.chars().count() >= 3
            && letters.chars().all(char::is_lowercase);
        w.chars().count() <= 5 && !word
    };
    name.filter(|_| (1..=2).contains(&marks.len()) && marks.iter().all(mark))
}

/// Add a `- …` entry; returns whether it is left open (no `;`, `,` or `.` at its end).
fn add_recipient(list: &mut Vec<Recipient>, text: &str, span: Span) -> bool {
    let t = text.trim_start_matches(['-', '+', '•', ' ']).trim();
    if t.is_empty() {
        return false;
    }
    let text = clean_entry(t);
    let archive = text.starts_with("Lưu");
    list.push(Recipient {
        text,
        archive,
        span,
    });
    // A comma does not end an entry: "- Các Sở: Tài chính, Kế hoạch và Đầu tư," goes on
    // with "Tài nguyên và Môi trường, Xây dựng," on the next line.
    !t.ends_with(['.', ';'])
}

/// An entry without its closing punctuation, spaces collapsed; a comma stays until the
/// list is read, as the entry may go on on the next line (see [`close_entries`]).
fn clean_entry(t: &str) -> String {
    collapse(t).trim_end_matches([';', '.']).trim().to_string()
}

/// The entries as read, without a comma left at their end.
fn close_entries(list: &mut [Recipient]) {
    for r in list {
        let t = r.text.trim_end_matches([',', ';', '.']).trim_end();
        if t.len() < r.text.len() {
            r.text = t.to_string();
        }
    }
}

// ── Required parts ────────────────────────────────────────────────────────────────────

fn check_required(
    cx: &mut Ctx,
    lines: &[Line],
    h: &Header,
    body: &[Node],
    recipients: &[Recipient],
    signature: &Option<Signature>,
) {
    let end = cx.norm.text.trim_end().len();
    let top = 0;
    if h.reference.is_none() {
        cx.diag(
            top,
            Severity::Error,
            "no number and symbol (`Số …`) in the header".into(),
            vec!["a line such as `Số 525-TB/TU` or `Số: 15/QĐ-UBND`".into()],
        );
    } else if h.number.is_none() {
        cx.diag(
            top,
            Severity::Note,
            "the number is left blank (a draft or an unregistered copy) or could not be read"
                .into(),
            vec![],
        );
    }
    if h.place.is_none() && h.date.is_some() {
        // A law, dated by its adoption sentence.
    } else if h.place.is_none() {
        cx.diag(
            top,
            Severity::Error,
            "no place and date line in the header".into(),
            vec!["a line such as `Hà Nội, ngày 05 tháng 01 năm 2020`".into()],
        );
    } else if h.date.is_none() {
        cx.diag(
            top,
            Severity::Note,
            "the date is incomplete (day, month or year left blank) or could not be read".into(),
            vec![],
        );
    }
    if h.issuer.is_none() {
        cx.diag(
            top,
            Severity::Error,
            "no issuing body in the header".into(),
            vec!["the issuer's name in capitals, above the number".into()],
        );
    }
    if h.title.is_none() && h.subject.is_none() {
        cx.diag(
            top,
            Severity::Warning,
            "no title (type name such as `THÔNG BÁO`) and no `V/v` subject".into(),
            vec![],
        );
    }
    if body.is_empty() {
        cx.diag(end, Severity::Error, "no body text".into(), vec![]);
    }
    match signature {
        None => cx.diag(end, Severity::Error, "no signature block".into(), vec!["an authority line such as `TM. ỦY BAN NHÂN DÂN` or `T/L BAN THƯỜNG VỤ`, a title and the signer's name".into()]),
        Some(s) if s.signer.is_none() => {
            let off = lines.iter().rev().find(|l| !l.is_blank()).map(|l| l.range.end).unwrap_or(end);
            cx.diag(off, Severity::Error, "the signature has no signer's name".into(), vec!["the signer's name, e.g. `Huỳnh Đa Trung`".into()]);
        }
        _ => {}
    }
    if recipients.is_empty() {
        cx.diag(
            end,
            Severity::Note,
            "no `Nơi nhận` recipients (the gazette drops them)".into(),
            vec![],
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every type name the grammar reads has a code, and the symbol reader knows that code
    /// (`data/lexicon.tsv`'s `type_codes`): "12/QT-UBND" is a quy trình of the UBND.
    #[test]
    fn the_grammars_type_names_have_known_codes() {
        let grammar = include_str!("../grammar/vanban.pest");
        let rule = grammar.split("type_name  = @{").nth(1).unwrap();
        let rule = &rule[..rule.find('}').unwrap()];
        let code: String = rule
            .lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .collect();
        let names: Vec<&str> = code.split('"').skip(1).step_by(2).collect();
        assert!(names.len() >= 40, "{names:?}");
        for name in names {
            for dialect in [Dialect::State, Dialect::Party] {
                let code = type_code_of(name, Some(dialect));
                assert!(
                    code.is_some_and(|c| lex().type_codes.contains(&c)),
                    "{name}: code {code:?} is not in type_codes"
                );
            }
        }
    }

    #[test]
    fn a_name_after_the_ink_of_a_signature() {
        let name = |t: &str| name_after_ink(t);
        assert_eq!(name("là Phạm Đức Sơn").as_deref(), Some("Phạm Đức Sơn"));
        assert_eq!(name("HuÝu Ỹ Lê Thị Dũng").as_deref(), Some("Lê Thị Dũng"));
        // Words of a sentence or of an entry are no ink.
        assert_eq!(name("tỉnh Lào Cai"), None);
        assert_eq!(name("Phó Chủ tịch Nguyễn Văn An"), None);
        assert_eq!(name("Lê Thị Dũng"), None);
    }

    #[test]
    fn collapse_takes_the_fast_path_only_when_nothing_changes() {
        for s in [
            "",
            " ",
            "Sở Tài chính",
            "  Sở  Tài\tchính ",
            "a | b",
            "|a|",
            "ĐẢNG CỘNG SẢN\u{00A0}VIỆT NAM",
            "a\u{3000}b",
            "“trích dẫn” … – hết",
            "ạ ả ế ộ",
            "x\u{2028}y",
            "tail ",
        ] {
            assert_eq!(collapse(s), collapse_words(s), "{s:?}");
        }
        assert!(is_collapsed("“trích dẫn” … – hết ạ"));
        assert!(!is_collapsed("a  b"));
    }
}
