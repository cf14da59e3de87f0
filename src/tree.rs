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

impl NodeKind {
    /// The lowercase name, as serde writes it in the JSON tree.
    pub fn name(self) -> &'static str {
        match self {
            NodeKind::Section => "section",
            NodeKind::Item => "item",
            NodeKind::Point => "point",
            NodeKind::Bullet => "bullet",
            NodeKind::Basis => "basis",
            NodeKind::Paragraph => "paragraph",
            NodeKind::Closing => "closing",
        }
    }
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
    /// Set on directives: who must do what, in which role, by when.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub directive: Option<Directive>,
    /// A table row's cells, left to right (a paragraph read from a line of several
    /// columns); empty otherwise.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub cells: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<Node>,
}

// ── Directives (written by `extract`) ────────────────────────────────────────────────────

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// chủ trì; "Giao X …"; "X có trách nhiệm …"; X as the subject of the task.
    Lead,
    /// phối hợp (với), cùng (với), tham gia.
    Support,
    /// chỉ đạo, lãnh đạo: X directs whoever carries the task out.
    Supervisor,
    /// báo cáo X, tham mưu cho X, trình X, "(qua Y)".
    ReportTo,
    /// Đề nghị / Yêu cầu X, with no role word.
    Addressee,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Lead => "lead",
            Role::Support => "support",
            Role::Supervisor => "supervisor",
            Role::ReportTo => "report_to",
            Role::Addressee => "addressee",
        }
    }
}

/// An agency named (or implied) for a directive.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assignment {
    /// The name as printed (normalized text), or as printed where it was inherited from.
    pub agency: String,
    /// One form for all spellings: abbreviations expanded, relative names resolved
    /// against the issuer ("UBND tỉnh" in a Lào Cai document: "Ủy ban nhân dân tỉnh Lào Cai").
    pub canonical: String,
    pub role: Role,
    /// Named in the directive's own text; otherwise inherited from a list intro ("giao X
    /// thực hiện các nhiệm vụ sau:") or the document's default addressee.
    pub explicit: bool,
    /// Byte range of the name in the node's `text`, when explicit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub at: Option<[usize; 2]>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineKind {
    Date,
    Month,
    Quarter,
    HalfYear,
    Year,
    /// "đến năm 2030", "từ nay đến hết …".
    Until,
    /// A meeting or event: "trước kỳ họp …".
    Event,
    /// "hằng tháng", "định kỳ hằng quý".
    Recurring,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Deadline {
    pub kind: DeadlineKind,
    /// The phrase as printed.
    pub raw: String,
    /// ISO dates bounding the period (a date: both the same); `None` where the phrase
    /// names no date (an event, a recurrence) or its year is unknown.
    pub start: Option<String>,
    pub end: Option<String>,
    /// For a recurrence: `day`, `week`, `month`, `quarter`, `year`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
    pub at: [usize; 2],
}

/// What a directive node carries.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Directive {
    /// The leading verb phrase (Tiếp tục, Đẩy mạnh, Giao, Đề nghị …), if there is one.
    pub action: Option<String>,
    pub assignments: Vec<Assignment>,
    pub deadline: Option<Deadline>,
    /// khẩn trương, ngay, dứt điểm, kịp thời, sớm: a flag, not a deadline.
    pub urgent: bool,
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
    /// How the text was read: its encoding (`utf-8`, `utf-16le`, `tcvn3` …) or `docx`.
    pub source: String,
    /// The e-signature stamp of a signed PDF, read out of the text (`null` when none).
    pub signing: Option<Signing>,
}

/// What an e-signature stamp says (`Ký bởi: …`, `Thời gian ký: …`): who signed and when.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Signing {
    /// The signing body or person as the stamp names them.
    pub by: Option<String>,
    /// When, as ISO date and time with the zone (`2025-01-09T10:21:11+07:00`).
    pub at: Option<String>,
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
            source: String::new(),
            signing: None,
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
