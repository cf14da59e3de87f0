//! Markdown, as converters write documents (pandoc, markitdown, docling, HTML→Markdown of
//! legal-text sites, knowledge bases) → the text the parser reads. Tables come out as
//! their cells side by side, TAB-separated, line by line (as in [`crate::docx`]): pipe
//! tables (`| a | b |` with a `| --- |` row) and the converters' "lone bar" tables (a line
//! `|` between cells, `|` `|` between rows). Emphasis, heading marks and backslash escapes
//! are dropped, rules kept (they end a name or a title); YAML front matter is dropped; a fenced block that holds most of
//! the file (a knowledge base wrapping a PDF's text) is the document, read as plain text.
//! Where the converter separates paragraphs with blank lines, the lines it wrapped inside
//! a paragraph are joined back into one (a wrapped line opening with "UBND …" or
//! "Thành phố …" is not a new paragraph there); elsewhere lines are kept as wrapped, and
//! the parser joins them.

use crate::docx::Lines;

/// Whether decoded text is Markdown written by a converter: YAML front matter, a pipe
/// table's rule row, or several lone `|` lines or `**` spans at line starts.
pub fn is_markdown(text: &str) -> bool {
    if front_matter_end(text).is_some() {
        return true;
    }
    let mut bars = 0;
    let mut strong = 0;
    for line in text.lines().take(400) {
        let t = line.trim();
        if is_table_rule(t) {
            return true;
        }
        bars += usize::from(t == "|");
        strong += usize::from(t.starts_with("**") || t.starts_with("# "));
    }
    bars >= 4 || strong >= 4
}

/// The byte offset where YAML front matter (`---` … `---` at the top, `key: value` lines)
/// ends, if the text has it.
fn front_matter_end(text: &str) -> Option<usize> {
    let text_start = text.len() - text.trim_start_matches('\u{FEFF}').len();
    let rest = &text[text_start..];
    if !(rest.starts_with("---\n") || rest.starts_with("---\r\n")) {
        return None;
    }
    let mut at = text_start + rest.find('\n')? + 1;
    let mut keys = 0;
    for line in text[at..].split_inclusive('\n').take(100) {
        at += line.len();
        let t = line.trim();
        if t == "---" {
            return (keys > 0).then_some(at);
        }
        keys += usize::from(is_yaml_key(t));
    }
    None
}

fn is_yaml_key(line: &str) -> bool {
    line.split_once(':').is_some_and(|(k, _)| {
        !k.is_empty()
            && k.chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
    })
}

/// A pipe table's rule row: `| --- | :---: |`.
fn is_table_rule(line: &str) -> bool {
    line.starts_with('|')
        && line.contains('-')
        && line.len() > 2
        && line
            .chars()
            .all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
}

/// A horizontal rule or a heading's underline: `---`, `***`, `___`, `===`.
fn is_rule(line: &str) -> bool {
    let t = line.trim();
    t.len() >= 3
        && (t.chars().all(|c| c == '-' || c == ' ')
            || t.chars().all(|c| c == '*' || c == ' ')
            || t.chars().all(|c| c == '_' || c == ' ')
            || t.chars().all(|c| c == '='))
}

/// The fence that opens a fenced block (```` ``` ```` or `~~~`, any info string).
fn fence(line: &str) -> Option<&str> {
    let t = line.trim_start();
    ["```", "~~~"].into_iter().find(|f| t.starts_with(f))
}

/// The lines of a fenced block that holds most of the text's lines, if there is one.
fn dominant_fence(lines: &[&str]) -> Option<(usize, usize)> {
    let filled = lines.iter().filter(|l| !l.trim().is_empty()).count();
    let mut i = 0;
    while i < lines.len() {
        if let Some(f) = fence(lines[i]) {
            let end = (i + 1..lines.len())
                .find(|&j| lines[j].trim_start().starts_with(f))
                .unwrap_or(lines.len());
            let inside = lines[i + 1..end]
                .iter()
                .filter(|l| !l.trim().is_empty())
                .count();
            if inside * 2 > filled {
                return Some((i + 1, end));
            }
            i = end;
        }
        i += 1;
    }
    None
}

/// Markdown text → lines of text, tables as cells side by side.
pub fn text(markdown: &str) -> String {
    let body = &markdown[front_matter_end(markdown).unwrap_or(0)..];
    let lines: Vec<&str> = body.lines().collect();
    if let Some((start, end)) = dominant_fence(&lines) {
        let mut text = lines[start..end].join("\n");
        text.push('\n');
        return text;
    }
    let mut out = Reader {
        paragraphs: blank_separated(&lines),
        ..Reader::default()
    };
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i].trim_end();
        if let Some(f) = fence(line) {
            // A fenced block inside the document: its lines as they are.
            out.end_table();
            out.end_paragraph();
            i += 1;
            while i < lines.len() && !lines[i].trim_start().starts_with(f) {
                out.lines.push(lines[i]);
                i += 1;
            }
        } else {
            out.line(line, lines.get(i + 1).map(|l| l.trim()));
        }
        i += 1;
    }
    out.end_table();
    out.end_paragraph();
    out.lines.finish()
}

/// Whether the converter wrote a blank line between paragraphs (one blank line per eight
/// lines of text or more): then consecutive lines are one paragraph, wrapped.
fn blank_separated(lines: &[&str]) -> bool {
    let blank = lines.iter().filter(|l| l.trim().is_empty()).count();
    blank * 8 >= lines.len() - blank && blank > 0
}

/// Whether a line of text opens a paragraph rather than continuing the one before it: a
/// list or section marker (`- `, `1.`, `1.1.`, `a)`, `II.`, `Điều 1`).
fn opens_paragraph(text: &str) -> bool {
    static MARKER: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    MARKER
        .get_or_init(|| {
            regex::Regex::new(
                r"^(?:[-+•–]|\d+(?:\.\d+)*[.)]|[a-zđ]\)|[IVXLC]+\.|Điều \d|Chương [IVXLC\d])",
            )
            .expect("valid regex")
        })
        .is_match(text)
}

/// Whether a line stands alone, joined to no other: a line in capitals (a header's or a
/// title's), a line that was all emphasis, a heading.
fn stands_alone(raw: &str, text: &str) -> bool {
    let raw = raw.trim();
    (raw.starts_with("**") && raw.ends_with("**"))
        || raw.starts_with('#')
        || !text.chars().any(char::is_lowercase)
}

#[derive(Default)]
struct Reader {
    lines: Lines,
    /// Inside a lone-bar table (`|` lines between cells).
    bar_table: bool,
    /// The lone-bar row was ended by its closing `|`: the next cell opens a row.
    row_closed: bool,
    /// Inside a pipe table (`| a | b |` rows).
    pipe_table: bool,
    /// A line whose emphasis is still open, to be joined with the next.
    open: Option<String>,
    /// Paragraphs are separated by blank lines (see [`blank_separated`]).
    paragraphs: bool,
    /// The paragraph being read, when its lines are joined.
    paragraph: Option<String>,
}

impl Reader {
    fn line(&mut self, line: &str, next: Option<&str>) {
        let t = line.trim();
        if t == "|" {
            self.bar(next);
        } else if t.starts_with('|') && t.ends_with('|') && t.len() > 1 {
            self.pipe_row(t);
        } else if t.is_empty() {
            // A blank line ends a table; inside a lone-bar cell it is the cell's.
            self.end_paragraph();
            if self.pipe_table {
                self.end_table();
            }
            if !self.bar_table {
                self.lines.push("");
            }
        } else if is_rule(t) {
            // A rule under a header's name or a title ends it, as in plain text; stars
            // are as likely an empty emphasis (`** **`).
            if !t.starts_with('*') {
                self.end_paragraph();
                self.lines.push(t);
            }
        } else {
            if self.pipe_table {
                self.end_table();
            }
            // An emphasis left open at the line's end wraps on the next line: one line
            // of the document (`**VĂN PHÒNG CHÍNH` / `PHỦ**`).
            let joined = match self.open.take() {
                Some(before) => format!("{before} {t}"),
                None => t.to_string(),
            };
            if open_emphasis(&joined) && next.is_some_and(|n| !n.is_empty() && n != "|") {
                self.open = Some(joined);
                return;
            }
            let text = inline(heading_text(&joined));
            self.text_line(&joined, text.trim());
        }
    }

    /// A line of text: a paragraph of its own, or the next wrapped line of the one open.
    fn text_line(&mut self, raw: &str, text: &str) {
        if text.is_empty() {
            return;
        }
        if !self.paragraphs || self.depth_open() {
            self.lines.push(text);
            return;
        }
        if stands_alone(raw, text) {
            self.end_paragraph();
            self.lines.push(text);
            return;
        }
        match self.paragraph.as_mut() {
            // A line ending with ":" introduces what follows; a short line ("Số: 12/…")
            // is a line of the header, not a wrapped one.
            Some(p) if !opens_paragraph(text) && !p.ends_with(':') && p.chars().count() >= 20 => {
                p.push(' ');
                p.push_str(text);
            }
            _ => {
                self.end_paragraph();
                self.paragraph = Some(text.to_string());
            }
        }
    }

    /// Inside a table, lines are a cell's: never joined.
    fn depth_open(&self) -> bool {
        self.lines.depth() > 0
    }

    fn end_paragraph(&mut self) {
        if let Some(p) = self.paragraph.take() {
            self.lines.push(&p);
        }
    }

    /// A lone `|`: opens a table, ends a cell, ends a row (before another `|`), or ends
    /// the table (before a blank line or the end).
    fn bar(&mut self, next: Option<&str>) {
        if !self.bar_table {
            self.end_table();
            self.lines.open_table();
            self.bar_table = true;
            self.row_closed = true;
        }
        match next {
            None | Some("") => self.end_table(),
            Some("|") if !self.row_closed => self.row_closed = true,
            _ => {
                if self.row_closed {
                    self.lines.open_row();
                    self.row_closed = false;
                }
                self.lines.open_cell();
            }
        }
    }

    /// A pipe table row: each cell's text, `<br>` as a line break within the cell.
    fn pipe_row(&mut self, row: &str) {
        if is_table_rule(row) {
            return;
        }
        if !self.pipe_table {
            self.end_table();
            self.lines.open_table();
            self.pipe_table = true;
        }
        self.lines.open_row();
        for cell in split_cells(&row[1..row.len() - 1]) {
            self.lines.open_cell();
            for part in split_breaks(cell.trim()) {
                let text = inline(part);
                if !text.trim().is_empty() {
                    self.lines.push(text.trim());
                }
            }
        }
    }

    fn end_table(&mut self) {
        self.end_paragraph();
        while self.lines.depth() > 0 {
            self.lines.close_table();
        }
        self.bar_table = false;
        self.pipe_table = false;
    }
}

/// Whether a line leaves `**` or `*` emphasis open (an odd number of markers; a
/// leading `* ` list marker does not count).
fn open_emphasis(line: &str) -> bool {
    let line = line.strip_prefix("* ").unwrap_or(line);
    let strong = line.matches("**").count();
    let single = line.matches('*').count() - 2 * strong;
    strong % 2 == 1 || single % 2 == 1
}

/// Cells of a pipe table row, at `|` not escaped as `\|`.
fn split_cells(row: &str) -> Vec<&str> {
    let mut cells = Vec::new();
    let mut start = 0;
    let bytes = row.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'|' && (i == 0 || bytes[i - 1] != b'\\') {
            cells.push(&row[start..i]);
            start = i + 1;
        }
    }
    cells.push(&row[start..]);
    cells
}

/// A cell's lines: converters write line breaks inside a cell as `<br>`.
fn split_breaks(cell: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut rest = cell;
    while let Some(at) = rest.find("<br") {
        parts.push(&rest[..at]);
        rest = rest[at..].find('>').map_or("", |e| &rest[at + e + 1..]);
    }
    parts.push(rest);
    parts
}

/// A heading's text without its `#` marks.
fn heading_text(line: &str) -> &str {
    let hashes = line.len() - line.trim_start_matches('#').len();
    if (1..=6).contains(&hashes) && line[hashes..].starts_with([' ', '\t']) {
        line[hashes..].trim()
    } else if hashes == line.len() {
        ""
    } else {
        line
    }
}

/// Inline markup dropped: emphasis (`**`, `__`, `*` and `_` around words), backslash
/// escapes, code spans' backticks. A `*` or `+` list marker stays a marker.
fn inline(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let chars: Vec<char> = line.chars().collect();
    let mut i = 0;
    // A `* ` or `+ ` list marker: written as the dash documents use.
    if chars.len() > 1 && matches!(chars[0], '*' | '+') && chars[1] == ' ' {
        out.push_str(if chars[0] == '+' { "+ " } else { "- " });
        i = 2;
    }
    while i < chars.len() {
        let c = chars[i];
        let prev = if i > 0 { chars[i - 1] } else { ' ' };
        let next = chars.get(i + 1).copied().unwrap_or(' ');
        match c {
            '\\' if next.is_ascii_punctuation() => {
                out.push(next);
                i += 2;
                continue;
            }
            '*' | '`' => {}
            // `_` marks emphasis at a word's edge; inside a word it is a letter.
            '_' if !(prev.is_alphanumeric() && next.is_alphanumeric()) => {}
            _ => out.push(c),
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lone_bar_header_table_becomes_columns() {
        let md = "|\n**VĂN PHÒNG CHÍNH\nPHỦ**\n-------\n|\n**CỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM**\nĐộc lập - Tự do - Hạnh phúc\n|\n|\nSố: 623/TB-VPCP\n|\n*Hà Nội, ngày 15\ntháng 11 năm 2025*\n|\n\n\n**THÔNG BÁO**\n";
        assert!(is_markdown(md));
        let t = text(md);
        let lines: Vec<&str> = t.lines().collect();
        assert_eq!(
            lines[0],
            "VĂN PHÒNG CHÍNH PHỦ\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
        );
        assert_eq!(lines[1], "-------\tĐộc lập - Tự do - Hạnh phúc");
        assert_eq!(
            lines[2],
            "Số: 623/TB-VPCP\tHà Nội, ngày 15 tháng 11 năm 2025"
        );
        assert!(t.contains("\nTHÔNG BÁO\n"));
    }

    #[test]
    fn pipe_table_cells_split_at_breaks() {
        let md = "| BỘ Y TẾ | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<br>Độc lập - Tự do - Hạnh phúc |\n| --- | --- |\n| Số: 12/BYT-KH | *Hà Nội, ngày 3 tháng 4 năm 2024* |\n\nNội dung.\n";
        assert!(is_markdown(md));
        let t = text(md);
        assert_eq!(
            t,
            "BỘ Y TẾ\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\tĐộc lập - Tự do - Hạnh phúc\nSố: 12/BYT-KH\tHà Nội, ngày 3 tháng 4 năm 2024\n\nNội dung.\n"
        );
    }

    /// A site's page laid out as a lone-bar table: the document is one cell of it, beside
    /// the site's menus; read cell after cell, not side by side. A rule under the title
    /// stays, to end it.
    #[test]
    fn a_page_long_cell_is_read_before_the_cells_beside_it() {
        let body = "Nội dung của kết luận, một dòng dài của văn bản.\n".repeat(80);
        let md = format!(
            "|\nSố 212-KL/TW\n|\n*Hà Nội, ngày 18 tháng 11 năm 2025*\n|\n**KẾT LUẬN**\n-----\n{body}|\nVăn bản liên quan\n|\n"
        );
        let t = text(&md);
        let lines: Vec<&str> = t.lines().collect();
        assert_eq!(
            &lines[..4],
            &[
                "Số 212-KL/TW",
                "Hà Nội, ngày 18 tháng 11 năm 2025",
                "KẾT LUẬN",
                "-----"
            ]
        );
        assert_eq!(lines[lines.len() - 1], "Văn bản liên quan");
        assert!(!t.contains('\t'));
    }

    #[test]
    fn front_matter_and_dominant_fence() {
        let md = "---\nso_hieu: \"17-TB/ĐU\"\nnam: \"2025\"\n---\n\n# Tóm tắt\n\n```text\nĐẢNG BỘ TỈNH KHÁNH HOÀ\nSố -TB/ĐU\nTHÔNG BÁO\nNội dung một\nNội dung hai\n```\n";
        assert!(is_markdown(md));
        assert_eq!(
            text(md),
            "ĐẢNG BỘ TỈNH KHÁNH HOÀ\nSố -TB/ĐU\nTHÔNG BÁO\nNội dung một\nNội dung hai\n"
        );
    }

    #[test]
    fn emphasis_escapes_and_markers() {
        assert_eq!(
            inline("**Điều 1.** Giao *Sở* \\- a_b"),
            "Điều 1. Giao Sở - a_b"
        );
        assert_eq!(inline("* Mục một"), "- Mục một");
        assert_eq!(heading_text("## II. NHIỆM VỤ"), "II. NHIỆM VỤ");
    }

    #[test]
    fn wrapped_lines_joined_where_blank_lines_part_paragraphs() {
        let md = "**CHỈ THỊ**\n\nVỀ\nVIỆC XỬ LÝ\n\na) Nhiệm vụ: Tham mưu UBND\nThành phố phối hợp với Bộ Công an.\n\n- Hướng dẫn các Sở, ban, ngành,\nUBND xã, phường.\n- Báo cáo kết quả.\n\nSố: 12/CT-UBND\nHà Nội, ngày 1 tháng 2 năm 2025\n";
        let t = text(md);
        let lines: Vec<&str> = t.lines().filter(|l| !l.is_empty()).collect();
        assert_eq!(
            lines,
            vec![
                "CHỈ THỊ",
                "VỀ",
                "VIỆC XỬ LÝ",
                "a) Nhiệm vụ: Tham mưu UBND Thành phố phối hợp với Bộ Công an.",
                "- Hướng dẫn các Sở, ban, ngành, UBND xã, phường.",
                "- Báo cáo kết quả.",
                "Số: 12/CT-UBND",
                "Hà Nội, ngày 1 tháng 2 năm 2025",
            ]
        );
        // Without blank lines between paragraphs, lines stay as wrapped.
        let dense = "Số: 12/CT-UBND\nHà Nội, ngày 1 tháng 2 năm 2025\nGiao Sở Tài chính chủ trì\nUBND xã phối hợp.\n";
        assert_eq!(text(dense), dense);
    }

    #[test]
    fn plain_text_is_not_markdown() {
        let t = "ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI\nSố: 12/UBND-VP\n- Lưu: VT.\n";
        assert!(!is_markdown(t));
    }
}
