//! The pest grammar (`grammar/vanban.pest`) and the typed lines it yields.
//!
//! The grammar reads normalized text and types every cell of every line (see the header
//! of the .pest file). This module turns pest's pairs into plain [`Line`]s and [`Cell`]s
//! holding normalized byte ranges; `assemble` builds the document tree from them.

use pest::Parser;
use pest_derive::Parser;
use std::ops::Range;

#[derive(Parser)]
#[grammar = "../grammar/vanban.pest"]
pub struct VanbanParser;

/// One typed cell: its rule, its range, and the ranges of its named parts.
#[derive(Debug, Clone)]
pub struct Cell {
    pub kind: Rule,
    pub range: Range<usize>,
    parts: Vec<(Rule, Range<usize>)>,
}

impl Cell {
    /// Range of the first part of that rule (e.g. `Rule::number` in a `so_line`).
    pub fn part(&self, rule: Rule) -> Option<Range<usize>> {
        self.parts
            .iter()
            .find(|(r, _)| *r == rule)
            .map(|(_, r)| r.clone())
    }

    pub fn has(&self, rule: Rule) -> bool {
        self.parts.iter().any(|(r, _)| *r == rule)
    }
}

/// One line of the normalized text: its range (without the newline) and its cells.
#[derive(Debug, Clone)]
pub struct Line {
    /// 1-based; normalization keeps every line break, so it is the original line number.
    pub number: usize,
    pub range: Range<usize>,
    pub cells: Vec<Cell>,
}

impl Line {
    pub fn is_blank(&self) -> bool {
        self.cells.is_empty()
    }

    pub fn first(&self) -> Option<&Cell> {
        self.cells.first()
    }

    pub fn has(&self, kind: Rule) -> bool {
        self.cells.iter().any(|c| c.kind == kind)
    }

    pub fn find(&self, kind: Rule) -> Option<&Cell> {
        self.cells.iter().find(|c| c.kind == kind)
    }
}

/// Type every line of a normalized text.
///
/// The grammar accepts any text (its last alternative, `text`, matches anything), so an
/// error here is a bug in the grammar; the caller turns it into a diagnostic, falling
/// back to untyped lines, so that no input is ever lost.
pub fn lines(text: &str) -> Result<Vec<Line>, Box<pest::error::Error<Rule>>> {
    let document = VanbanParser::parse(Rule::document, text)
        .map_err(Box::new)?
        .next()
        .expect("document rule yields one pair");
    let mut out = Vec::new();
    for (i, line) in document
        .into_inner()
        .filter(|p| p.as_rule() == Rule::line)
        .enumerate()
    {
        let span = line.as_span();
        let cells = line
            .into_inner()
            .map(|cell| {
                let s = cell.as_span();
                let kind = cell.as_rule();
                let parts = cell
                    .into_inner()
                    .flatten()
                    .map(|p| (p.as_rule(), p.as_span().start()..p.as_span().end()))
                    .collect();
                Cell {
                    kind,
                    range: s.start()..s.end(),
                    parts,
                }
            })
            .collect();
        out.push(Line {
            number: i + 1,
            range: span.start()..span.end(),
            cells,
        });
    }
    Ok(out)
}

/// Fallback when the grammar fails: every line one untyped `text` cell.
pub fn untyped_lines(text: &str) -> Vec<Line> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, l) in text.split('\n').enumerate() {
        let range = start..start + l.len();
        let trimmed = l.trim();
        let cells = if trimmed.is_empty() {
            Vec::new()
        } else {
            let off = start + (l.len() - l.trim_start().len());
            vec![Cell {
                kind: Rule::text,
                range: off..off + trimmed.len(),
                parts: Vec::new(),
            }]
        };
        out.push(Line {
            number: i + 1,
            range,
            cells,
        });
        start += l.len() + 1;
    }
    out
}

/// Parse `input` with one rule alone; on failure, the byte offset where the rule stopped
/// and the names of what it expected there. Used to explain why a line that looks like a
/// Số line or a date line is not one.
pub fn explain(rule: Rule, input: &str) -> Option<(usize, Vec<String>)> {
    match VanbanParser::parse(rule, input) {
        Ok(_) => None,
        Err(e) => {
            let pos = match e.location {
                pest::error::InputLocation::Pos(p) => p,
                pest::error::InputLocation::Span((p, _)) => p,
            };
            let expected = match &e.variant {
                pest::error::ErrorVariant::ParsingError { positives, .. } => {
                    let mut v: Vec<String> = positives.iter().map(|r| describe(*r)).collect();
                    v.dedup();
                    v
                }
                pest::error::ErrorVariant::CustomError { message } => vec![message.clone()],
            };
            Some((pos, expected))
        }
    }
}

/// A reader's name for a grammar rule.
pub fn describe(rule: Rule) -> String {
    match rule {
        Rule::symbol | Rule::party_symbol | Rule::state_symbol => {
            "a number and symbol such as `525-TB/TU` or `15/QĐ-UBND`".into()
        }
        Rule::number => "a number".into(),
        Rule::codes | Rule::code | Rule::party_type => "a code such as `TB` or `UBND`".into(),
        Rule::year => "a four-digit year".into(),
        Rule::day => "a day".into(),
        Rule::month => "a month".into(),
        Rule::place => "a place name".into(),
        Rule::EOI => "the end of the line".into(),
        r => format!("{r:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<Vec<Rule>> {
        lines(text)
            .unwrap()
            .iter()
            .map(|l| l.cells.iter().map(|c| c.kind).collect())
            .collect()
    }

    #[test]
    fn header_cells_side_by_side() {
        let k = kinds(
            "Số: 15/QĐ-UBND\tHà Nội, ngày 05 tháng 01 năm 2020\nSố 525-TB/TU   ĐẢNG CỘNG SẢN VIỆT NAM",
        );
        assert_eq!(k[0], vec![Rule::so_line, Rule::date_line]);
        assert_eq!(k[1], vec![Rule::so_line, Rule::party_heading]);
    }

    #[test]
    fn antiword_boxes_split_into_cells() {
        // Normalization turns the box rules into TABs.
        let text = crate::normalize::normalize(
            "|Nơi nhận:        |KT. CỤC TRƯỞNG       |\n|                 |Vương Thành Chung    |",
        )
        .text;
        let k = kinds(&text);
        assert_eq!(k[0], vec![Rule::noi_nhan, Rule::authority]);
        assert_eq!(k[1], vec![Rule::person_name]);
    }

    #[test]
    fn markers() {
        let k = kinds(
            "I- Đánh giá\n1/ Tiếp tục\n2.1. Về\na) Điểm\n- Gạch\nĐiều 3. Hiệu lực\nV/v góp ý\n18/7/2008 là ngày",
        );
        assert_eq!(
            k,
            vec![
                vec![Rule::section],
                vec![Rule::item],
                vec![Rule::item],
                vec![Rule::point],
                vec![Rule::bullet],
                vec![Rule::section],
                vec![Rule::vv_line],
                vec![Rule::text],
            ]
        );
    }

    #[test]
    fn explains_a_broken_number_line() {
        let (pos, expected) = explain(Rule::so_line, "Số: abc").unwrap();
        assert_eq!(pos, "Số: ".len());
        assert!(!expected.is_empty());
    }
}
