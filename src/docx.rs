//! Word files (.docx) → the text the parser reads: one line per paragraph; a table row
//! as its cells side by side, TAB-separated, line by line (the two-column header and
//! footer tables of administrative documents come out as the columns of a text export);
//! text boxes as their own lines; automatic list numbers ("1.", "a)") written out, as
//! they are part of what the reader sees.
//!
//! Sizes are bounded before anything is inflated: an entry larger than [`MAX_XML`] once
//! inflated (a zip bomb) is refused, and so is a table nested deeper than
//! [`MAX_DEPTH`].

use quick_xml::events::{BytesStart, Event};
use std::collections::HashMap;
use std::io::Read;

/// The largest XML part read, inflated.
pub const MAX_XML: u64 = 64 << 20;
/// Tables in tables in tables …: deeper ones are refused.
const MAX_DEPTH: usize = 64;

/// Whether bytes are a zip archive (a .docx, .xlsx, .odt …).
pub fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

/// The text of a .docx file, or why it cannot be read.
pub fn text(bytes: &[u8]) -> Result<String, String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| format!("this zip archive cannot be read ({e}); is the file complete?"))?;
    let Some(document) = read_entry(&mut zip, "word/document.xml")? else {
        let kind = if zip.index_for_name("content.xml").is_some() {
            "an OpenDocument file (.odt): save it as .docx or as text"
        } else if zip.index_for_name("xl/workbook.xml").is_some() {
            "an Excel workbook, not a document"
        } else {
            "a zip archive with no word/document.xml: unpack it and give vanban its documents"
        };
        return Err(format!("this is {kind}"));
    };
    let mut numbering = match read_entry(&mut zip, "word/numbering.xml")? {
        Some(xml) => Numbering::parse(&xml)?,
        None => Numbering::default(),
    };
    if let Some(xml) = read_entry(&mut zip, "word/styles.xml")? {
        numbering.add_styles(&xml)?;
    }
    body_text(&document, &numbering)
}

/// An entry inflated, with its size bounded whatever the archive claims.
fn read_entry<R: Read + std::io::Seek>(
    zip: &mut zip::ZipArchive<R>,
    name: &str,
) -> Result<Option<Vec<u8>>, String> {
    let Some(index) = zip.index_for_name(name) else {
        return Ok(None);
    };
    let entry = zip
        .by_index(index)
        .map_err(|e| format!("cannot open {name} in the archive: {e}"))?;
    let too_big = || {
        format!(
            "{name} inflates to more than {} MiB: refused (a damaged file or a zip bomb)",
            MAX_XML >> 20
        )
    };
    if entry.size() > MAX_XML {
        return Err(too_big());
    }
    let mut out = Vec::new();
    entry
        .take(MAX_XML + 1)
        .read_to_end(&mut out)
        .map_err(|e| format!("cannot inflate {name}: {e}"))?;
    if out.len() as u64 > MAX_XML {
        return Err(too_big());
    }
    Ok(Some(out))
}

/// Automatic numbering: for each list (`numId`) and level, its format and pattern.
#[derive(Default)]
struct Numbering {
    /// numId → abstractNumId.
    nums: HashMap<String, String>,
    /// (abstractNumId, level) → (format, pattern such as "%1." or "%1.%2.", start).
    levels: HashMap<(String, u8), (String, String, u32)>,
    /// Paragraph styles that number their paragraphs ("List Number"): styleId →
    /// (numId, level, the style it is based on).
    styles: HashMap<String, StyleNumbering>,
    /// (numId, level) → the number that list starts again from (`w:startOverride`: Word's
    /// "Restart numbering" makes a new numId over the same abstractNum). Lists without
    /// one go on counting where the abstractNum's last list stopped.
    restarts: HashMap<(String, u8), u32>,
    /// (numId, level) → a level defined again inside the num's `w:lvlOverride`.
    override_levels: HashMap<(String, u8), (String, String, u32)>,
}

#[derive(Default, Clone)]
struct StyleNumbering {
    num: Option<String>,
    level: Option<u8>,
    based_on: Option<String>,
}

fn attr(e: &BytesStart, local: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find_map(|a| (a.key.local_name().as_ref() == local).then(|| a.value.to_string()))
}

fn xml_error(part: &str, at: u64, e: impl std::fmt::Display) -> String {
    format!("{part} is not well-formed XML at byte {at}: {e}")
}

impl Numbering {
    /// Read the numbering of paragraph styles from word/styles.xml.
    fn add_styles(&mut self, xml: &[u8]) -> Result<(), String> {
        let mut r = quick_xml::Reader::from_reader(xml);
        let mut buf = Vec::new();
        let mut style: Option<(String, StyleNumbering)> = None;
        loop {
            let ev = r
                .read_event_into(&mut buf)
                .map_err(|e| xml_error("word/styles.xml", r.error_position(), e))?;
            match ev {
                Event::Start(e) | Event::Empty(e) => match (e.local_name().as_ref(), &mut style) {
                    ("style", _) => {
                        style = attr(&e, "styleId").map(|id| (id, StyleNumbering::default()))
                    }
                    ("basedOn", Some((_, s))) => s.based_on = attr(&e, "val"),
                    ("numId", Some((_, s))) => s.num = attr(&e, "val"),
                    ("ilvl", Some((_, s))) => {
                        s.level = attr(&e, "val").and_then(|v| v.parse().ok())
                    }
                    _ => {}
                },
                Event::End(e) if e.local_name().as_ref() == "style" => {
                    if let Some((id, s)) = style.take() {
                        self.styles.insert(id, s);
                    }
                }
                Event::Eof => break,
                _ => {}
            }
            buf.clear();
        }
        Ok(())
    }

    /// The (numId, level) a paragraph style gives, through the styles it is based on.
    fn of_style(&self, id: &str) -> (Option<String>, Option<u8>) {
        let (mut num, mut level) = (None, None);
        let mut at = Some(id.to_string());
        for _ in 0..16 {
            let Some(s) = at.as_ref().and_then(|id| self.styles.get(id)) else {
                break;
            };
            num = num.or_else(|| s.num.clone());
            level = level.or(s.level);
            at = s.based_on.clone();
        }
        (num, level)
    }

    /// The definition of a level of list `id` (over abstractNum `abs`): the list's own
    /// override, else the abstractNum's.
    fn level(&self, id: &str, abs: &str, level: u8) -> Option<&(String, String, u32)> {
        self.override_levels
            .get(&(id.to_string(), level))
            .or_else(|| self.levels.get(&(abs.to_string(), level)))
    }

    fn parse(xml: &[u8]) -> Result<Numbering, String> {
        let mut n = Numbering::default();
        let mut r = quick_xml::Reader::from_reader(xml);
        let mut buf = Vec::new();
        let (mut abs, mut num, mut lvl): (Option<String>, Option<String>, Option<u8>) =
            (None, None, None);
        let mut override_lvl: Option<u8> = None;
        let (mut fmt, mut text, mut start) = (String::new(), String::new(), 1u32);
        loop {
            let ev = r
                .read_event_into(&mut buf)
                .map_err(|e| xml_error("word/numbering.xml", r.error_position(), e))?;
            match ev {
                Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                    "abstractNum" => abs = attr(&e, "abstractNumId"),
                    "num" => {
                        num = attr(&e, "numId");
                        // A `w:lvl` inside a num's override is the num's own.
                        abs = None;
                    }
                    "lvlOverride" => override_lvl = attr(&e, "ilvl").and_then(|v| v.parse().ok()),
                    "startOverride" => {
                        let start = attr(&e, "val").and_then(|v| v.parse().ok());
                        if let (Some(k), Some(l), Some(v)) = (&num, override_lvl, start) {
                            n.restarts.insert((k.clone(), l), v);
                        }
                    }
                    "abstractNumId" => {
                        if let (Some(k), Some(v)) = (&num, attr(&e, "val")) {
                            n.nums.insert(k.clone(), v);
                        }
                    }
                    "lvl" => {
                        lvl = attr(&e, "ilvl").and_then(|v| v.parse().ok());
                        (fmt, text, start) = (String::new(), String::new(), 1);
                    }
                    "numFmt" => fmt = attr(&e, "val").unwrap_or_default(),
                    "lvlText" => text = attr(&e, "val").unwrap_or_default(),
                    "start" => start = attr(&e, "val").and_then(|v| v.parse().ok()).unwrap_or(1),
                    _ => {}
                },
                Event::End(e) if e.local_name().as_ref() == "lvl" => {
                    let level = (std::mem::take(&mut fmt), std::mem::take(&mut text), start);
                    match (&abs, &num, lvl) {
                        (Some(a), _, Some(l)) => {
                            n.levels.insert((a.clone(), l), level);
                        }
                        (None, Some(k), Some(l)) => {
                            n.override_levels.insert((k.clone(), l), level);
                        }
                        _ => {}
                    }
                }
                Event::Eof => break,
                _ => {}
            }
            buf.clear();
        }
        Ok(n)
    }
}

/// A number in a list format.
fn format_number(n: u32, fmt: &str) -> String {
    const ROMAN: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let roman = |mut n: u32| {
        let mut s = String::new();
        for (v, r) in ROMAN {
            while n >= v {
                s.push_str(r);
                n -= v;
            }
        }
        s
    };
    // Vietnamese lists letter a, b, c … including đ (Nghị định 30: "a), b), c), d), đ)").
    let letter = |n: u32| {
        const LETTERS: [&str; 24] = [
            "a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n", "o", "p", "q", "r",
            "s", "t", "u", "v", "x", "y", "z",
        ];
        LETTERS[((n.max(1) - 1) as usize) % LETTERS.len()].to_string()
    };
    match fmt {
        "upperRoman" => roman(n),
        "lowerRoman" => roman(n).to_lowercase(),
        "lowerLetter" => letter(n),
        "upperLetter" => letter(n).to_uppercase(),
        "bullet" => String::new(),
        _ => n.to_string(),
    }
}

/// A table being read: rows of cells of lines.
#[derive(Default)]
struct Table {
    rows: Vec<Vec<Vec<String>>>,
}

/// A cell longer than this (in bytes) holds a page, not a value: its table lays out a web
/// page (the document beside a site's menus), and its row is read cell after cell.
const PAGE_CELL_BYTES: usize = 3000;

impl Table {
    /// Rows as lines: the k-th line of a row is each cell's k-th line, TAB-separated; a
    /// row with a cell of a page's length, its cells one after another.
    fn lines(&self) -> Vec<String> {
        let mut out = Vec::new();
        for row in &self.rows {
            if row
                .iter()
                .any(|c| c.iter().map(String::len).sum::<usize>() > PAGE_CELL_BYTES)
            {
                out.extend(row.iter().flatten().cloned());
                continue;
            }
            let height = row.iter().map(Vec::len).max().unwrap_or(0);
            for k in 0..height {
                let cells: Vec<&str> = row
                    .iter()
                    .map(|c| c.get(k).map(String::as_str).unwrap_or(""))
                    .collect();
                let last = cells
                    .iter()
                    .rposition(|c| !c.is_empty())
                    .map_or(0, |i| i + 1);
                out.push(cells[..last].join("\t"));
            }
        }
        out
    }
}

/// The lines of a Word file or a web page as they are read: each goes into the innermost
/// open table cell, or the page; a table, once closed, becomes lines of what holds it,
/// its rows' cells side by side.
#[derive(Default)]
pub(crate) struct Lines {
    page: Vec<String>,
    tables: Vec<Table>,
    /// Lines pushed so far, anywhere.
    pub(crate) pushed: usize,
}

impl Lines {
    /// Add text, a line per line of it.
    pub(crate) fn push(&mut self, text: &str) {
        for line in text.split('\n') {
            self.pushed += 1;
            match self
                .tables
                .last_mut()
                .and_then(|t| t.rows.last_mut()?.last_mut())
            {
                Some(cell) => cell.push(line.to_string()),
                None => self.page.push(line.to_string()),
            }
        }
    }

    /// Tables open around the current line.
    pub(crate) fn depth(&self) -> usize {
        self.tables.len()
    }

    pub(crate) fn open_table(&mut self) {
        self.tables.push(Table::default());
    }

    pub(crate) fn open_row(&mut self) {
        if let Some(t) = self.tables.last_mut() {
            t.rows.push(Vec::new());
        }
    }

    pub(crate) fn open_cell(&mut self) {
        if let Some(row) = self.tables.last_mut().and_then(|t| t.rows.last_mut()) {
            row.push(Vec::new());
        }
    }

    pub(crate) fn close_table(&mut self) {
        if let Some(t) = self.tables.pop() {
            for line in t.lines() {
                self.push(&line);
            }
        }
    }

    /// The text, tables left open (a file cut short) closed: what was read is kept.
    pub(crate) fn finish(mut self) -> String {
        while !self.tables.is_empty() {
            self.close_table();
        }
        let mut text = self.page.join("\n");
        text.push('\n');
        text
    }
}

/// The text of word/document.xml.
fn body_text(xml: &[u8], numbering: &Numbering) -> Result<String, String> {
    let part = "word/document.xml";
    let mut r = quick_xml::Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut lines = Lines::default();
    // Paragraphs being read: a text box's paragraphs open inside a paragraph.
    let mut paragraphs: Vec<String> = Vec::new();
    let mut in_text = false;
    // Inside mc:Fallback (a second copy of a text box for old readers): skipped.
    let mut skip = 0usize;
    // The numbering of the paragraph being read: its own numId ("0": none), level, style.
    #[derive(Default)]
    struct ParagraphNumbering {
        num: Option<String>,
        level: Option<u8>,
        style: Option<String>,
    }
    let mut num = ParagraphNumbering::default();
    let mut counters = Counters::default();
    loop {
        let ev = r
            .read_event_into(&mut buf)
            .map_err(|e| xml_error(part, r.error_position(), e))?;
        let empty = matches!(ev, Event::Empty(_));
        match ev {
            Event::Start(e) | Event::Empty(e) => {
                let name = e.local_name();
                if name.as_ref() == "Fallback" && !empty {
                    skip += 1;
                }
                if skip > 0 {
                    buf.clear();
                    continue;
                }
                match name.as_ref() {
                    "p" if !empty => {
                        paragraphs.push(String::new());
                        num = ParagraphNumbering::default();
                    }
                    // `<w:p/>`: an empty line.
                    "p" => lines.push(""),
                    "t" if !empty => in_text = true,
                    "tab" => {
                        if let Some(p) = paragraphs.last_mut() {
                            p.push('\t');
                        }
                    }
                    "br" | "cr" => {
                        if let Some(p) = paragraphs.last_mut() {
                            p.push('\n');
                        }
                    }
                    // A symbol-font character (`w:char="F0A7"`, a Wingdings bullet): the
                    // private-use character text exports write for it.
                    "sym" => {
                        let c = attr(&e, "char")
                            .and_then(|h| u32::from_str_radix(&h, 16).ok())
                            .and_then(char::from_u32);
                        if let (Some(c), Some(p)) = (c, paragraphs.last_mut()) {
                            p.push(c);
                        }
                    }
                    "noBreakHyphen" => {
                        if let Some(p) = paragraphs.last_mut() {
                            p.push('-');
                        }
                    }
                    "numId" => num.num = attr(&e, "val"),
                    "ilvl" => num.level = attr(&e, "val").and_then(|v| v.parse().ok()),
                    "pStyle" => num.style = attr(&e, "val"),
                    "tbl" if !empty => {
                        if lines.depth() >= MAX_DEPTH {
                            return Err(format!(
                                "{part} nests tables more than {MAX_DEPTH} deep: refused"
                            ));
                        }
                        lines.open_table();
                    }
                    "tr" if !empty => lines.open_row(),
                    "tc" if !empty => lines.open_cell(),
                    _ => {}
                }
            }
            Event::End(e) => {
                let name = e.local_name();
                if name.as_ref() == "Fallback" {
                    skip = skip.saturating_sub(1);
                    buf.clear();
                    continue;
                }
                if skip > 0 {
                    buf.clear();
                    continue;
                }
                match name.as_ref() {
                    "t" => in_text = false,
                    "pPr" => {
                        // The paragraph's list number, written before its text: its own,
                        // else its style's.
                        let (style_num, style_level) = num
                            .style
                            .as_deref()
                            .map(|s| numbering.of_style(s))
                            .unwrap_or_default();
                        let id = num.num.clone().or(style_num).filter(|v| v != "0");
                        let level = num.level.or(style_level).unwrap_or(0);
                        if let (Some(id), Some(p)) = (id, paragraphs.last_mut()) {
                            let marker = list_marker(numbering, &id, level, &mut counters);
                            if !marker.is_empty() {
                                p.push_str(&marker);
                                p.push(' ');
                            }
                        }
                    }
                    "p" => {
                        if let Some(p) = paragraphs.pop() {
                            lines.push(&p);
                        }
                    }
                    "tbl" => lines.close_table(),
                    _ => {}
                }
            }
            Event::Text(t) if in_text && skip == 0 => {
                if let Some(p) = paragraphs.last_mut() {
                    p.push_str(&t.xml10_content());
                }
            }
            Event::CData(t) if in_text && skip == 0 => {
                if let Some(p) = paragraphs.last_mut() {
                    p.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(g) if in_text && skip == 0 => {
                let c = crate::html::reference(&g.xml10_content());
                if let (Some(c), Some(p)) = (c, paragraphs.last_mut()) {
                    p.push(c);
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(lines.finish())
}

/// The numbers reached in each list, and the lists whose restart has been applied.
#[derive(Default)]
struct Counters {
    /// (abstractNumId, level) → the last number given.
    last: HashMap<(String, u8), u32>,
    /// (numId, level) restarted already (`Numbering::restarts`).
    restarted: std::collections::HashSet<(String, u8)>,
}

/// The marker of the next item of list `id` at `level` ("1.", "a)", "II."), counting on.
fn list_marker(numbering: &Numbering, id: &str, level: u8, counters: &mut Counters) -> String {
    let Some(abs) = numbering.nums.get(id) else {
        return String::new();
    };
    let Some((fmt, pattern, start)) = numbering.level(id, abs, level) else {
        return String::new();
    };
    if fmt == "bullet" || fmt == "none" {
        // Bullets are drawn from a symbol font; "-" is how text exports write them.
        return if fmt == "bullet" {
            "-".to_string()
        } else {
            String::new()
        };
    }
    let key = (id.to_string(), level);
    let restart = numbering.restarts.get(&key).copied();
    let n = match restart {
        // The first item of a restarted list.
        Some(r) if counters.restarted.insert(key) => {
            counters.last.insert((abs.clone(), level), r);
            r
        }
        _ => *counters
            .last
            .entry((abs.clone(), level))
            .and_modify(|n| *n += 1)
            .or_insert(*start),
    };
    // A new item restarts the levels under it.
    counters.last.retain(|(a, l), _| a != abs || *l <= level);
    let mut out = pattern.clone();
    for l in (0..=level).rev() {
        let value = if l == level {
            n
        } else {
            counters.last.get(&(abs.clone(), l)).copied().unwrap_or(1)
        };
        let lfmt = numbering
            .level(id, abs, l)
            .map(|x| x.0.as_str())
            .unwrap_or("decimal");
        out = out.replace(&format!("%{}", l + 1), &format_number(value, lfmt));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(body: &str) -> Vec<u8> {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>{body}</w:body></w:document>"#
        )
        .into_bytes()
    }

    fn p(text: &str) -> String {
        format!("<w:p><w:r><w:t>{text}</w:t></w:r></w:p>")
    }

    /// A paragraph of list `id` at `level`.
    fn numbered(id: u8, level: u8, text: &str) -> String {
        format!(
            "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"{level}\"/><w:numId w:val=\"{id}\"/></w:numPr></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"
        )
    }

    #[test]
    fn paragraphs_tables_and_text_boxes() {
        let header = format!(
            "<w:tbl><w:tr><w:tc>{}{}{}</w:tc><w:tc>{}{}</w:tc></w:tr></w:tbl>",
            p("UBND TỈNH BÌNH THUẬN"),
            p("SỞ CÔNG THƯƠNG"),
            p("Số: 12/SCT"),
            p("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
            p("Độc lập - Tự do - Hạnh phúc"),
        );
        let text_box = "<w:p><w:r><mc:AlternateContent><mc:Choice><w:drawing><w:txbxContent>\
            <w:p><w:r><w:t>DỰ THẢO</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice>\
            <mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>DỰ THẢO</w:t></w:r></w:p>\
            </w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r>\
            <w:r><w:t xml:space=\"preserve\">Kính gửi: Sở A &amp; B</w:t></w:r></w:p>";
        let xml = doc(&format!(
            "{header}{text_box}{}<w:p><w:r><w:t>a</w:t><w:tab/><w:t>b</w:t><w:br/><w:t>c</w:t></w:r></w:p>\
             <w:p><w:r><w:sym w:font=\"Wingdings\" w:char=\"F0A7\"/><w:t xml:space=\"preserve\"> Sở E</w:t></w:r></w:p>",
            p("THÔNG BÁO")
        ));
        let text = body_text(&xml, &Numbering::default()).unwrap();
        assert_eq!(
            text,
            "UBND TỈNH BÌNH THUẬN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\
             SỞ CÔNG THƯƠNG\tĐộc lập - Tự do - Hạnh phúc\n\
             Số: 12/SCT\n\
             DỰ THẢO\n\
             Kính gửi: Sở A & B\n\
             THÔNG BÁO\n\
             a\tb\n\
             c\n\
             \u{F0A7} Sở E\n"
        );
    }

    #[test]
    fn character_references_are_decoded() {
        let xml = doc("<w:p><w:r><w:t>A&#44;B&#x41;&lt;&quot;</w:t></w:r></w:p>");
        assert_eq!(body_text(&xml, &Numbering::default()).unwrap(), "A,BA<\"\n");
    }

    #[test]
    fn automatic_numbers_are_written_out() {
        let numbering = br#"<w:numbering xmlns:w="w"><w:abstractNum w:abstractNumId="3">
            <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
            <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>
            <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%3)"/></w:lvl>
            </w:abstractNum><w:num w:numId="7"><w:abstractNumId w:val="3"/></w:num></w:numbering>"#;
        let n = Numbering::parse(numbering).unwrap();
        let item = |level: u8, text: &str| numbered(7, level, text);
        let body = [
            item(0, "Tình hình"),
            item(1, "Kết quả"),
            item(0, "Nhiệm vụ"),
            item(1, "Giao Sở A"),
            item(2, "điểm một"),
            item(2, "điểm hai"),
            item(2, "điểm ba"),
            item(2, "điểm bốn"),
            item(2, "điểm năm"),
            item(1, "Giao Sở B"),
            item(2, "lại từ a"),
        ]
        .concat();
        let text = body_text(&doc(&body), &n).unwrap();
        assert_eq!(
            text,
            "I. Tình hình\n1. Kết quả\nII. Nhiệm vụ\n1. Giao Sở A\na) điểm một\nb) điểm hai\n\
             c) điểm ba\nd) điểm bốn\nđ) điểm năm\n2. Giao Sở B\na) lại từ a\n"
        );
    }

    #[test]
    fn restarted_lists_count_from_their_override_and_others_go_on() {
        // Lists 7 and 9 share abstractNum 3 and go on counting; list 8 is Word's "Restart
        // numbering" (a startOverride) and writes its numbers its own way (a `w:lvl` in
        // its override).
        let numbering = br#"<w:numbering xmlns:w="w"><w:abstractNum w:abstractNumId="3">
            <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
            </w:abstractNum>
            <w:num w:numId="7"><w:abstractNumId w:val="3"/></w:num>
            <w:num w:numId="8"><w:abstractNumId w:val="3"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/>
              <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1/"/></w:lvl>
            </w:lvlOverride></w:num>
            <w:num w:numId="9"><w:abstractNumId w:val="3"/></w:num></w:numbering>"#;
        let n = Numbering::parse(numbering).unwrap();
        let item = |id: u8, text: &str| numbered(id, 0, text);
        let body = [
            item(7, "một"),
            item(7, "hai"),
            item(8, "lại một"),
            item(8, "lại hai"),
            item(9, "ba"),
        ]
        .concat();
        assert_eq!(
            body_text(&doc(&body), &n).unwrap(),
            "1. một\n2. hai\nI/ lại một\nII/ lại hai\n3. ba\n"
        );
    }

    #[test]
    fn refuses_what_is_not_a_word_document() {
        assert!(text(b"PK\x03\x04garbage").is_err());
        assert!(!is_zip(b"%PDF-1.4"));
        let bad = doc("<w:p><w:r><w:t>a</w:r></w:p>");
        assert!(
            body_text(&bad, &Numbering::default())
                .unwrap_err()
                .contains("byte")
        );
        let deep = "<w:tbl><w:tr><w:tc>".repeat(MAX_DEPTH + 1);
        assert!(
            body_text(&doc(&deep), &Numbering::default())
                .unwrap_err()
                .contains("deep")
        );
    }
}
