//! The document tree: the public contract of `vanban parse --json` (see ARCHITECTURE.md).
//!
//! Field names are part of the interface and reused as dataset column names: add fields
//! freely, rename none. Every span is a byte range of the *original* decoded text.

use serde::Serialize;

/// Byte range in the original text, with the 1-based line and column of its start.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub column: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Every required part was found.
    Ok,
    /// A tree was built, but a required part is missing or malformed: see diagnostics.
    Partial,
    /// The input could not be read as text at all.
    Failed,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Note,
    Warning,
    Error,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnostic {
    pub line: usize,
    pub column: usize,
    pub severity: Severity,
    pub message: String,
    /// What the grammar expected at that point, when it was a grammar rule that failed.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub expected: Vec<String>,
    #[serde(skip)]
    pub offset: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Dialect {
    /// Party documents: `ĐẢNG CỘNG SẢN VIỆT NAM`, `Số 525-TB/TU`, `T/L`.
    Party,
    /// State documents: Quốc hiệu, `Số: 15/QĐ-UBND`, `TM.`.
    State,
}

/// The header block and the title, as printed (normalized: NFC, old-style tones).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Header {
    pub dialect: Option<Dialect>,
    pub issuer: Option<String>,
    pub issuer_parent: Option<String>,
    /// Number and symbol, spaces removed, dashes normalised: `525-TB/TU`, `/KH-SCT`.
    pub reference: Option<String>,
    /// The number as printed; `None` when a draft leaves it blank.
    pub number: Option<String>,
    /// The year inside a legal act's symbol (`45/2020/NĐ-CP`).
    pub symbol_year: Option<u16>,
    pub type_code: Option<String>,
    pub issuer_code: Option<String>,
    /// Type code from the title line (`TB`, `QĐ` …), or `CV` for a công văn.
    pub doc_type: Option<String>,
    pub place: Option<String>,
    /// ISO date (`2008-07-21`); `None` when a part is blank or invalid.
    pub date: Option<String>,
    /// Type name and subject joined into one line.
    pub title: Option<String>,
    /// The type name alone (`THÔNG BÁO`).
    pub type_name: Option<String>,
    /// The trích yếu of a công văn, without `V/v`.
    pub subject: Option<String>,
    /// `Kính gửi:` addressees, one per entry.
    pub addressees: Vec<String>,
    /// Urgency, secrecy and draft stamps (`KHẨN`, `MẬT`, `DỰ THẢO`).
    pub stamps: Vec<String>,
    pub spans: HeaderSpans,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct HeaderSpans {
    pub issuer: Option<Span>,
    pub reference: Option<Span>,
    pub date: Option<Span>,
    pub title: Option<Span>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum NodeKind {
    /// `I-`, `II.`, `Phần I`, `Chương II`, `Mục 1`, `Điều 1.`
    Section,
    /// `1/`, `1.`, `1-`, `1)`, `2.1.`
    Item,
    /// `a)`, `đ)`
    Point,
    /// `-`, `+`, `•`
    Bullet,
    /// `Căn cứ …` lines before the first section.
    Basis,
    Paragraph,
    /// The closing paragraph, ending with the `./.` mark.
    Closing,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Node {
    pub kind: NodeKind,
    /// The marker as printed (`II-`, `1/`, `a)`, `-`, `Điều 3.`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub marker: Option<String>,
    /// Heading or text, wrapped lines joined with one space.
    pub text: String,
    pub span: Span,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<Node>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Recipient {
    /// The entry without its `-` and trailing `;`/`,`.
    pub text: String,
    /// The `Lưu …` (archive) entry.
    pub archive: bool,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Authority {
    /// `TM.`, `KT.`, `T/L` … as printed.
    pub prefix: String,
    pub text: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Signature {
    /// Prefix of the first authority line (`T/L`, `TM.`), `None` when the head signs.
    pub authority: Option<String>,
    /// What the first authority line signs for (`BAN THƯỜNG VỤ`).
    pub on_behalf_of: Option<String>,
    /// All authority lines, in order (`TM. ỦY BAN NHÂN DÂN`, `KT. CHỦ TỊCH`).
    pub authorities: Vec<Authority>,
    /// The signer's title (`PHÓ CHÁNH VĂN PHÒNG`).
    pub title: Option<String>,
    /// `(đã ký)`, `(đã ký và đóng dấu)` …
    pub signed_marker: Option<String>,
    pub signer: Option<String>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Document {
    /// The path as given.
    pub file: String,
    pub status: Status,
    pub diagnostics: Vec<Diagnostic>,
    pub header: Header,
    pub body: Vec<Node>,
    pub recipients: Vec<Recipient>,
    pub signature: Option<Signature>,
    /// What follows the signature: appendices (`PHỤ LỤC`), annexed forms.
    pub appendix: Vec<Node>,
    /// Size of the input in bytes and in lines.
    pub bytes: usize,
    pub lines: usize,
}

impl Document {
    /// A document that could not be read: no tree, one error.
    pub fn failed(file: &str, bytes: usize, message: String) -> Self {
        Document {
            file: file.to_string(),
            status: Status::Failed,
            diagnostics: vec![Diagnostic {
                line: 1,
                column: 1,
                severity: Severity::Error,
                message,
                expected: Vec::new(),
                offset: 0,
            }],
            header: Header::default(),
            body: Vec::new(),
            recipients: Vec::new(),
            signature: None,
            appendix: Vec::new(),
            bytes,
            lines: 0,
        }
    }

    /// All body nodes in document order, depth first.
    pub fn walk(&self) -> Vec<&Node> {
        fn go<'a>(nodes: &'a [Node], out: &mut Vec<&'a Node>) {
            for n in nodes {
                out.push(n);
                go(&n.children, out);
            }
        }
        let mut out = Vec::new();
        go(&self.body, &mut out);
        out
    }
}
