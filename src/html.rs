//! Web pages (.html, as legal-text sites and "save as web page" write them) → the text
//! the parser reads: block elements (`p`, `div`, `br`, `li`, headings …) end lines, table
//! rows come out as their cells side by side, TAB-separated, line by line (as in
//! [`crate::docx`]), scripts, styles and comments are dropped, character references
//! decoded, runs of spaces collapsed as a browser does.

use crate::docx::Lines;

/// Whether decoded text is an HTML page: it opens with a doctype or an `<html>` tag, or
/// has a `<body>` early on.
pub fn is_html(text: &str) -> bool {
    let text = text.trim_start_matches('\u{FEFF}').trim_start();
    let end = text.char_indices().nth(1024).map_or(text.len(), |(i, _)| i);
    let head = text[..end].to_ascii_lowercase();
    head.starts_with("<!doctype html") || head.starts_with("<html") || head.contains("<body")
}

/// Elements that end a line.
const BLOCKS: [&str; 22] = [
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "title",
    "pre",
    "blockquote",
    "section",
    "article",
    "header",
    "footer",
    "hr",
    "dd",
    "dt",
];

struct Page {
    lines: Lines,
    /// The line being read.
    line: String,
    /// `lines.pushed` when the open `<p>` began: an empty paragraph is a blank line.
    paragraph: Option<usize>,
}

impl Page {
    /// End the current line, if it holds text.
    fn flush(&mut self) {
        let line = std::mem::take(&mut self.line);
        if !line.trim().is_empty() {
            self.lines.push(line.trim());
        }
    }

    fn text(&mut self, s: &str) {
        for c in s.chars() {
            if c.is_whitespace() && c != '\u{A0}' {
                if !self.line.is_empty() && !self.line.ends_with(' ') {
                    self.line.push(' ');
                }
            } else {
                self.line.push(c);
            }
        }
    }

    fn tag(&mut self, name: &str, closing: bool) {
        let blank = self.line.trim().is_empty();
        if BLOCKS.contains(&name) || matches!(name, "table" | "tr" | "td" | "th") {
            self.flush();
        }
        match (name, closing) {
            // A second break in a row is a blank line.
            ("br", _) if blank => self.lines.push(""),
            ("table", false) => self.lines.open_table(),
            ("table", true) => self.lines.close_table(),
            ("tr", false) => self.lines.open_row(),
            ("td" | "th", false) => self.lines.open_cell(),
            ("p", false) => self.paragraph = Some(self.lines.pushed),
            ("p", true) => {
                let empty = self.paragraph.take() == Some(self.lines.pushed);
                if empty {
                    self.lines.push("");
                }
            }
            _ => {}
        }
    }
}

/// A character reference (`amp`, `#225`, `#xE1`), without `&` and `;` (also XML's,
/// for [`crate::docx`]).
pub(crate) fn reference(name: &str) -> Option<char> {
    if let Some(n) = name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
        return u32::from_str_radix(n, 16).ok().and_then(char::from_u32);
    }
    if let Some(n) = name.strip_prefix('#') {
        return n.parse().ok().and_then(char::from_u32);
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{A0}',
        "ndash" => '–',
        "mdash" => '—',
        "hellip" => '…',
        "laquo" => '«',
        "raquo" => '»',
        "ldquo" => '“',
        "rdquo" => '”',
        "lsquo" => '‘',
        "rsquo" => '’',
        _ => return None,
    })
}

/// The text of an HTML page.
pub fn text(html: &str) -> String {
    let mut page = Page {
        lines: Lines::default(),
        line: String::new(),
        paragraph: None,
    };
    let lower = html.to_ascii_lowercase();
    let mut i = 0;
    while i < html.len() {
        let rest = &html[i..];
        if rest.starts_with("<!--") {
            i += rest.find("-->").map_or(rest.len(), |e| e + 3);
            continue;
        }
        if let Some(after) = rest.strip_prefix('<') {
            let Some(end) = after.find('>') else {
                page.text(rest);
                break;
            };
            let inside = &after[..end];
            let closing = inside.starts_with('/');
            let name: String = inside
                .trim_start_matches('/')
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect::<String>()
                .to_ascii_lowercase();
            i += 1 + end + 1;
            // Whose content is not text.
            if !closing && matches!(name.as_str(), "script" | "style" | "head") {
                let close = format!("</{name}");
                i = lower[i..].find(&close).map_or(html.len(), |k| i + k);
                continue;
            }
            page.tag(&name, closing);
            continue;
        }
        if rest.starts_with('&')
            && let Some(semi) = rest.bytes().skip(1).take(11).position(|b| b == b';')
            && let Some(c) = reference(&rest[1..1 + semi])
        {
            page.line.push(c);
            i += semi + 2;
            continue;
        }
        let first = rest.chars().next().map_or(1, char::len_utf8);
        let next = rest[first..]
            .find(['<', '&'])
            .map_or(rest.len(), |k| k + first);
        page.text(&rest[..next]);
        i += next;
    }
    page.flush();
    page.lines.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_tables_references_and_what_is_dropped() {
        let page = "<!DOCTYPE html><html><head><title>x</title><style>p{}</style></head>\
            <body><script>var a = '<p>';</script><!-- note -->\
            <table><tr><td><p>UBND TỈNH LÀO CAI</p><p><b>SỞ</b> CÔNG THƯƠNG</p></td>\
            <td><p>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</p><p>Độc lập &ndash; Tự do</p></td></tr></table>\
            <p>Kính   gửi:\n Sở A &amp; B&#44; Sở&nbsp;C</p><p></p><div>1. Giao<br>Sở D</div></body></html>";
        assert!(is_html(page));
        assert_eq!(
            text(page),
            "UBND TỈNH LÀO CAI\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\
             SỞ CÔNG THƯƠNG\tĐộc lập – Tự do\n\
             Kính gửi: Sở A & B, Sở\u{A0}C\n\
             \n\
             1. Giao\n\
             Sở D\n"
        );
        assert!(!is_html("Số 1 <b>"));
    }

    #[test]
    fn broken_markup_keeps_its_text() {
        assert_eq!(text("<p>a</p><p>b <i"), "a\nb <i\n");
        assert_eq!(text("<table><tr><td>a<td>b"), "a\tb\n");
        assert_eq!(text("&bogus; &#99999999; x"), "&bogus; &#99999999; x\n");
    }
}
