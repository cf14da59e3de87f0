//! Extraction: for each directive of a document tree, the action, the agencies with
//! their roles, the deadline and the urgency.
//!
//! It reads the tree `assemble` built (never the raw text), and writes its findings into
//! the directive nodes (`Node::directive`). Agency names are found from the head nouns of
//! the gazetteer (`data/gazetteer.tsv`, which users can extend); roles come from the cue
//! words around each name (see format-spec §3.2–3.3 of the project's notes); deadlines
//! from date, month, quarter, half-year, year, recurring and event phrases (§3.4).

use crate::lexicon::{lexicon as lex, opens_with};
use crate::tree::{Assignment, Deadline, DeadlineKind, Directive, Document, Node, NodeKind, Role};
use regex::Regex;
use std::sync::OnceLock;

// ── Gazetteer ─────────────────────────────────────────────────────────────────────────

/// Agency head nouns, exclusions, abbreviations, levels and provinces.
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    /// Longest first, so that "Ủy ban nhân dân" wins over "Ủy ban".
    heads: Vec<String>,
    not: Vec<String>,
    /// Heads and exclusions by their first character, sorted by it: most positions of a
    /// text start no name, and are ruled out with one binary search (a hashed look-up
    /// cost more than the search).
    by_first: Vec<(char, HeadsAndExclusions)>,
    abbr: Vec<(String, String)>,
    levels: Vec<String>,
    provinces: Vec<String>,
    /// A Party committee's boards named without it ("Ban Xây dựng Đảng").
    boards: Vec<String>,
    /// Names listed after a collective that hold "và" or a comma ("Kế hoạch và Đầu tư").
    members: Vec<String>,
}

/// The heads and the exclusions that open with one character.
type HeadsAndExclusions = (Vec<String>, Vec<String>);

const BUILTIN_GAZETTEER: &str = include_str!("../data/gazetteer.tsv");

impl Gazetteer {
    /// The gazetteer shipped with vanban.
    pub fn builtin() -> &'static Gazetteer {
        static G: OnceLock<Gazetteer> = OnceLock::new();
        G.get_or_init(|| {
            let mut g = Gazetteer::default();
            g.extend(BUILTIN_GAZETTEER)
                .expect("the built-in gazetteer is well formed");
            g
        })
    }

    /// Add the entries of a gazetteer file; an error names the line that is wrong.
    pub fn extend(&mut self, text: &str) -> Result<(), String> {
        for (n, line) in text.lines().enumerate() {
            let line = line.trim_end();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let f: Vec<&str> = line.split('\t').collect();
            let form = crate::normalize::normalize(f.get(1).copied().unwrap_or("")).text;
            match (f[0], f.len()) {
                ("head", 2) => self.heads.push(form),
                ("not", 2) => self.not.push(form),
                ("level", 2) => self.levels.push(form),
                ("province", 2) => self.provinces.push(form),
                ("board", 2) => self.boards.push(form),
                ("member", 2) => self.members.push(form),
                ("abbr", 3) => self
                    .abbr
                    .push((form, crate::normalize::normalize(f[2]).text)),
                _ => {
                    return Err(format!(
                        "line {}: expected `head|not|level|province|board|member<TAB>FORM` or \
                         `abbr<TAB>FORM<TAB>LONG FORM`, found {line:?}",
                        n + 1
                    ));
                }
            }
        }
        self.heads.sort_by_key(|h| std::cmp::Reverse(h.len()));
        self.heads.dedup();
        let mut by_first: std::collections::BTreeMap<char, HeadsAndExclusions> = Default::default();
        for h in &self.heads {
            if let Some(c) = h.chars().next() {
                by_first.entry(c).or_default().0.push(h.clone());
            }
        }
        for n in &self.not {
            if let Some(c) = n.chars().next() {
                by_first.entry(c).or_default().1.push(n.clone());
            }
        }
        self.by_first = by_first.into_iter().collect();
        Ok(())
    }

    /// The province an issuer's name or a place belongs to.
    fn province_in(&self, s: &str) -> Option<&str> {
        let lower = s.to_lowercase();
        self.provinces
            .iter()
            .filter(|p| lower.contains(&p.to_lowercase()))
            .max_by_key(|p| p.len())
            .map(|p| p.as_str())
    }
}

// ── Agencies in a text ────────────────────────────────────────────────────────────────

/// A name found in a text: byte range.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Mention {
    start: usize,
    end: usize,
}

fn is_word_char(c: char) -> bool {
    // Vietnamese letters are ASCII or precomposed Latin: no Unicode table look-up for them.
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else if matches!(c, '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}') {
        !matches!(c, '\u{00D7}' | '\u{00F7}')
    } else {
        c.is_alphanumeric()
    }
}

fn starts_upper(w: &str) -> bool {
    w.chars().next().is_some_and(|c| c.is_uppercase())
}

/// The head at byte `i` of `text`, if a name starts there.
fn head_at<'g>(g: &'g Gazetteer, text: &str, i: usize) -> Option<&'g str> {
    let rest = &text[i..];
    let first = rest.chars().next()?;
    let at = g.by_first.binary_search_by_key(&first, |(c, _)| *c).ok()?;
    let (heads, not) = &g.by_first[at].1;
    if not
        .iter()
        .any(|n| rest.starts_with(n.as_str()) && !rest[n.len()..].starts_with(is_word_char))
    {
        return None;
    }
    heads
        .iter()
        .find(|h| rest.starts_with(h.as_str()) && !rest[h.len()..].starts_with(is_word_char))
        .map(|h| h.as_str())
}

/// A province or city named as a body ("tỉnh Đắk Lắk cần …", "Đề nghị thành phố Đà
/// Nẵng …"): the end of the name at byte `i`, if one starts there.
fn locality_at(g: &Gazetteer, text: &str, i: usize) -> Option<usize> {
    let rest = &text[i..];
    let level = ["tỉnh ", "Tỉnh ", "thành phố ", "Thành phố "]
        .iter()
        .find(|l| rest.starts_with(*l))?;
    let name = &rest[level.len()..];
    g.provinces
        .iter()
        .filter(|p| name.starts_with(p.as_str()) && !name[p.len()..].starts_with(is_word_char))
        .map(|p| i + level.len() + p.len())
        .max()
}

/// Every agency name of a text, in order.
fn mentions(g: &Gazetteer, text: &str) -> Vec<Mention> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < text.len() {
        let at_word_start = i == 0 || !text[..i].ends_with(is_word_char);
        if at_word_start && let Some(end) = locality_at(g, text, i) {
            out.push(Mention { start: i, end });
            i = end;
            continue;
        }
        if at_word_start && let Some(head) = head_at(g, text, i) {
            // "các Ban Quản lý dự án", "các Sở, ban, ngành": a collective of a named kind.
            let start = ["các ", "Các "]
                .iter()
                .find(|c| {
                    text[..i].ends_with(*c)
                        && text[..i - c.len()]
                            .chars()
                            .last()
                            .is_none_or(|p| !is_word_char(p))
                })
                .map_or(i, |c| i - c.len());
            let collective = head.starts_with("các ") || head.starts_with("Các ") || start < i;
            let end = name_end(g, text, i + head.len(), collective);
            out.push(Mention { start, end });
            i = end;
            continue;
        }
        i += text[i..].chars().next().map_or(1, |c| c.len_utf8());
    }
    out
}

/// Where a name that opened with a head ending at `from` ends.
fn name_end(g: &Gazetteer, text: &str, from: usize, collective: bool) -> usize {
    let mut end = from;
    let mut collective = collective || text[..from].ends_with(" các");
    // The last two words taken, in lower case; the head's last word to begin with.
    let head_words: Vec<String> = text[..from]
        .split_whitespace()
        .rev()
        .take(2)
        .map(|w| w.to_lowercase())
        .collect();
    let company = head_words.first().is_some_and(|w| w == "ty")
        && head_words.get(1).is_some_and(|w| w == "công");
    let mut prev_lower = head_words.first().cloned().unwrap_or_default();
    let mut prev2 = head_words.get(1).cloned().unwrap_or_default();
    let mut prev_upper = text[..from]
        .split_whitespace()
        .last()
        .is_some_and(starts_upper);
    let mut pos = from;
    let mut words = 0;
    // Names run on through capitalised words and the lower-case syllables of their
    // compounds ("Quản lý thị trường"); they end at a role cue or a verb (`stops` of data/lexicon.tsv), at
    // punctuation, and after an administrative level only a place name may follow.
    while words < MAX_NAME_WORDS {
        let rest = &text[pos..];
        // A separator and the next word.
        let (sep, word_start) = if rest.starts_with(" - ") {
            ("-", pos + 3)
        } else if let Some(r) = rest.strip_prefix(' ') {
            (" ", pos + 1 + (r.len() - r.trim_start_matches(' ').len()))
        } else if rest.starts_with(", ") {
            (",", pos + 2)
        } else {
            break;
        };
        let w_rest = &text[word_start..];
        let wlen = w_rest
            .find(|c: char| !is_word_char(c))
            .unwrap_or(w_rest.len());
        if wlen == 0 {
            break;
        }
        let word = &w_rest[..wlen];
        let lower = word.to_lowercase();
        let upper = starts_upper(word);
        // After "tỉnh", "huyện" … ("UBND tỉnh"), but not the "xã" of "Hợp tác xã".
        let after_level = !prev_upper
            && match prev_lower.as_str() {
                "tỉnh" | "huyện" | "phường" | "quận" | "trấn" => true,
                "xã" => prev2 != "tác",
                "phố" => prev2 == "thành",
                _ => false,
            };
        let take = match sep {
            // "Sở Văn hóa, Thể thao và Du lịch": a comma inside a name; before a new head
            // or a lower-case word it separates, except in a collective ("các sở, ban, ngành").
            // "Công an đơn vị, địa phương", "Công an tỉnh, thành phố": a list of kinds
            // after a noun of a kind.
            "," => {
                (upper && head_at(g, text, word_start).is_none())
                    || ((collective
                        || matches!(
                            prev_lower.as_str(),
                            "vị" | "ngành" | "phương" | "tỉnh" | "huyện" | "xã"
                        ))
                        && !upper
                        && lex().collective_nouns.contains(&lower.as_str()))
            }
            "-" => upper,
            _ if word == "và" => {
                // "Tài nguyên và Môi trường" continues; "và UBND …" starts another name.
                let next = &text[word_start + wlen..];
                let next = next.trim_start();
                let off = text.len() - next.len();
                next.starts_with(|c: char| c.is_uppercase()) && head_at(g, text, off).is_none()
            }
            // "Ban Thường vụ Đảng ủy Kế hoạch …", "Đảng ủy xã Chương trình hành động …": a
            // document's name after a body's is not part of it.
            _ if upper
                && opens_document_name(w_rest)
                && (after_level || ends_whole(g, &text[..pos], &prev_lower)) =>
            {
                false
            }
            // "Ban Thường vụ Tỉnh ủy", "Văn phòng Ủy ban nhân dân tỉnh": a name of a name.
            _ if upper => true,
            _ if lower == "có" => w_rest[wlen..].starts_with(" liên quan"),
            _ if lower == "quan" => prev_lower == "liên" || prev_lower == "cơ",
            _ if lower == "liên" => w_rest[wlen..].starts_with(" quan"),
            // "huyện ủy", "thành ủy": the committee of that level; "ủy quyền" (delegate)
            // and "trực tiếp" (in person) are not a name's.
            _ if lower == "ủy" => !w_rest[wlen..].starts_with(" quyền"),
            _ if lower == "trực" && w_rest[wlen..].starts_with(" tiếp") => false,
            // "cơ quan chuyên trách tham mưu, giúp việc …", "các cơ quan tham mưu, giúp
            // việc Đảng ủy": a kind of body, not the verb "tham mưu".
            _ if lower == "tham"
                && (prev_lower == "trách"
                    || w_rest[wlen..].starts_with(" mưu, giúp việc")
                    || w_rest[wlen..].starts_with(" mưu giúp việc")) =>
            {
                true
            }
            // "Ủy ban" is a name; "ban hành" is a verb.
            _ if lower == "ban" => prev_lower == "ủy" || prev_lower == "các",
            // A collective ends with its last noun ("các cơ quan, đơn vị, địa phương"):
            // only a qualifier may follow.
            _ if collective
                && matches!(prev_lower.as_str(), "phương" | "vị" | "ngành")
                && !matches!(
                    lower.as_str(),
                    "liên"
                        | "có"
                        | "khác"
                        | "trực"
                        | "thuộc"
                        | "cấp"
                        | "chức"
                        | "chuyên"
                        | "tỉnh"
                        | "huyện"
                        | "trung"
                ) =>
            {
                false
            }
            // Nouns whose syllables are also verbs: "công trình", "dịch vụ tổng hợp".
            _ if lower == "trình"
                && matches!(prev_lower.as_str(), "công" | "chương" | "quy" | "lộ") =>
            {
                true
            }
            _ if lower == "tổng" && prev_lower == "vụ" && prev2 == "dịch" => true,
            // Verbs known by two syllables, whose first also sits inside names:
            // "triển khai" but "Phát triển nông thôn", "vận động" but "Giao thông vận
            // tải", "xây dựng" but "Ban xây dựng đảng", "Tổng công ty xây dựng".
            // In a company's name they are trades ("Công ty cổ phần Đầu tư xây dựng …").
            _ if matches!(lower.as_str(), "triển" | "vận" | "xây") && company => true,
            _ if matches!(lower.as_str(), "triển" | "vận" | "xây") => {
                let next = w_rest[wlen..]
                    .trim_start()
                    .split(|c: char| !is_word_char(c))
                    .next()
                    .unwrap_or("")
                    .to_lowercase();
                let verb = match lower.as_str() {
                    "triển" => next == "khai",
                    "vận" => matches!(next.as_str(), "động" | "hành" | "dụng"),
                    // "Ban xây dựng đảng", "dự án đầu tư xây dựng" are names.
                    _ => {
                        next == "dựng"
                            && !matches!(prev_lower.as_str(), "ban" | "ty")
                            && !text[..word_start].trim_end().ends_with("đầu tư")
                    }
                };
                !verb
            }
            // "… liên quan" ends a collective.
            _ if prev_lower == "quan" && prev2 == "liên" => false,
            // "Ủy ban bầu cử": not the verb "cử" (send).
            _ if lower == "cử" && prev_lower == "bầu" => true,
            // A committee ("Đảng ủy", "Tỉnh ủy"), "Chính phủ" or a place is a whole name:
            // only a level and its place may follow ("Thủ tướng Chính phủ kết quả …",
            // "Thường trực Đảng ủy cơ bản nhất trí …", "Báo Bình Thuận đăng …").
            _ if ends_whole(g, &text[..pos], &prev_lower)
                && !g
                    .levels
                    .iter()
                    .any(|l| l.split(' ').next() == Some(lower.as_str()))
                && !qualifies_committee(&prev_lower, &lower, &w_rest[wlen..]) =>
            {
                false
            }
            _ if after_level => false,
            _ if lex().stops.contains(&lower.as_str()) => false,
            _ => true,
        };
        if !take {
            break;
        }
        if lower == "các" {
            collective = true;
        }
        prev2 = std::mem::replace(&mut prev_lower, lower);
        prev_upper = upper;
        end = word_start + wlen;
        pos = end;
        words += 1;
    }
    // "Sở Tài nguyên và Môi trường" keeps its "và"; a trailing one does not.
    let name = text[..end].trim_end();
    let name = name.strip_suffix(" và").unwrap_or(name);
    name.len()
}

/// Whether a name taken so far is whole, so that no lower-case word continues it: it ends
/// with a committee ("Đảng ủy", "Tỉnh ủy", but not "Ủy" of "Ủy ban"), "Chính phủ", or a
/// province's name.
fn ends_whole(g: &Gazetteer, taken: &str, last: &str) -> bool {
    (last == "ủy" && !taken.ends_with("Ủy"))
        || taken.ends_with("Chính phủ")
        || g.provinces.iter().any(|p| {
            taken
                .strip_suffix(p.as_str())
                .is_some_and(|b| b.ends_with(' '))
        })
}

/// Whether a lower-case word after a committee's "ủy" qualifies it: "Đảng ủy cơ sở",
/// "cấp ủy cấp trên", "các cấp ủy trực thuộc", "Đảng ủy quân khu", "Đảng ủy bộ phận",
/// "cấp ủy đảng" (but not "Đảng ủy cơ bản nhất trí").
fn qualifies_committee(prev: &str, word: &str, rest: &str) -> bool {
    let next = rest.trim_start().split(' ').next().unwrap_or("");
    prev == "ủy"
        && match word {
            "cơ" => matches!(next, "sở" | "quan"),
            "trực" => next.starts_with("thuộc"),
            "quân" => next.starts_with("khu"),
            "bộ" => next.starts_with("phận"),
            "cấp" | "khối" | "đảng" => true,
            _ => false,
        }
}

/// Whether a text opens with the name of a kind of document ("Kế hoạch", "Chương trình"),
/// from the type names of `data/vocabulary.tsv`.
fn opens_document_name(text: &str) -> bool {
    static NAMES: OnceLock<Vec<String>> = OnceLock::new();
    let names = NAMES.get_or_init(|| {
        crate::repair::type_names()
            .into_iter()
            .map(|t| {
                let mut c = t.chars();
                c.next()
                    .into_iter()
                    .chain(c.flat_map(char::to_lowercase))
                    .collect()
            })
            .collect()
    });
    names
        .iter()
        .any(|n| text.starts_with(n.as_str()) && !text[n.len()..].starts_with(is_word_char))
}

/// Longest name kept, in words after the head.
const MAX_NAME_WORDS: usize = 14;

// ── Roles ─────────────────────────────────────────────────────────────────────────────

/// The text before a mention, lower-cased, up to the previous clause boundary.
fn before(text: &str, start: usize) -> String {
    let b = &text[..start];
    let cut = b.rfind([';', ':', '.', '(', ')']).map_or(0, |i| i + 1);
    b[cut..].trim().to_lowercase()
}

/// The words after a name, lower-cased. Only their start is compared with cues (the
/// longest, with the word after it, is under 40 characters): 64 characters are taken, not
/// the rest of a long paragraph for every name in it.
fn after(text: &str, end: usize) -> String {
    let rest = text[end..].trim_start_matches([' ', ',']);
    let cut = rest.char_indices().nth(64).map_or(rest.len(), |(i, _)| i);
    rest[..cut].to_lowercase()
}

fn ends_with_any(s: &str, cues: &[&str]) -> bool {
    cues.iter()
        .any(|c| s == *c || s.ends_with(&format!(" {c}")) || s.ends_with(c) && s.len() == c.len())
}

/// Role of a list of names from the words around it; `None` when the names are the
/// object of the task rather than someone assigned to it.
fn role_of(text: &str, start: usize, end: usize) -> Option<Role> {
    // "(Công ty cổ phần …)": a name in brackets explains the one before it.
    if text[..start].trim_end().ends_with('(') {
        return None;
    }
    let b = before(text, start);
    let a = after(text, end);
    let after_is = |cues: &[&str]| {
        cues.iter()
            .any(|c| a.starts_with(c) && !a[c.len()..].starts_with(is_word_char))
    };
    // "Ủy ban nhân dân tỉnh yêu cầu …": the one who asks, not the one asked.
    if after_is(&[
        "yêu cầu",
        "đề nghị",
        "giao",
        "kết luận",
        "thông báo",
        "quyết định",
    ]) {
        return None;
    }
    // "tham mưu UBND tỉnh chỉ đạo …": advised, not directing here.
    if ends_with_any(
        &b,
        &["tham mưu", "tham mưu cho", "đề xuất", "kiến nghị", "trình"],
    ) {
        return Some(Role::ReportTo);
    }
    if after_is(&lex().supervisor_after) && !after_is(&["chỉ đạo:"]) {
        // "X chỉ đạo Y …": X directs; but "UBND tỉnh chỉ đạo các cơ quan:" still makes X
        // the one answerable.
        return Some(Role::Supervisor);
    }
    // "Kế hoạch của Chính phủ": a possessor, not someone assigned.
    if b.ends_with(" của") || b == "của" {
        return None;
    }
    // "đề nghị X phối hợp …": the role word decides, not the request; "X phối hợp với Y"
    // as a sentence's subject leads it.
    if after_is(&["phối hợp", "tham gia", "cùng phối hợp"])
        && ends_with_any(&b, &lex().addressee_before)
    {
        return Some(Role::Support);
    }
    if after_is(&lex().lead_after) {
        if chairs_a_meeting(&a) {
            return None;
        }
        return Some(Role::Lead);
    }
    let last_words: Vec<&str> = b.split_whitespace().rev().take(4).collect();
    if ends_with_any(&b, &lex().support_before)
        || (b.ends_with(" với") && last_words.contains(&"phối"))
    {
        return Some(Role::Support);
    }
    // "báo cáo kết quả thực hiện về X", "báo cáo tình hình … cho X".
    let reports = b.split_whitespace().rev().take(12).any(|w| w == "cáo")
        && b.contains("báo cáo")
        && (b.ends_with(" về") || b.ends_with(" cho") || b.ends_with(" lên"));
    if ends_with_any(&b, &lex().report_before) || reports {
        return Some(Role::ReportTo);
    }
    if ends_with_any(&b, &lex().addressee_before) && !ends_with_any(&b, &["chỉ đạo"]) {
        return Some(Role::Addressee);
    }
    if ends_with_any(&b, &lex().lead_before) {
        return Some(Role::Lead);
    }
    // The subject of its clause: "Sở Tài chính bố trí kinh phí …", also after a comma
    // when a modal follows ("…, tỉnh Đắk Lắk cần tiếp tục …").
    if b.is_empty() || b.chars().all(|c| !c.is_alphanumeric()) {
        return Some(Role::Lead);
    }
    if b.ends_with(',') && lex().subject_adverbs.iter().any(|w| a.starts_with(w)) {
        return Some(Role::Lead);
    }
    None
}

/// Names joined by ", ", "; " or " và " form one list, which shares one role.
fn group(text: &str, ms: &[Mention]) -> Vec<Vec<Mention>> {
    let mut groups: Vec<Vec<Mention>> = Vec::new();
    for m in ms {
        if let Some(last) = groups.last_mut() {
            let prev = last.last().expect("non-empty group");
            let between = text[prev.end..m.start].trim();
            let possessed = |m: &Mention| text[..m.start].trim_end().ends_with(" của");
            if !possessed(m)
                && !possessed(prev)
                && matches!(between, "," | ";" | "và" | ", và" | "và các" | "hoặc")
            {
                last.push(*m);
                continue;
            }
        }
        groups.push(vec![*m]);
    }
    groups
}

// ── Deadlines ─────────────────────────────────────────────────────────────────────────

struct DeadlineRes {
    date: Regex,
    month: Regex,
    quarter: Regex,
    half: Regex,
    year: Regex,
    until: Regex,
    event: Regex,
    recurring: Regex,
    urgent: Regex,
}

fn res() -> &'static DeadlineRes {
    static R: OnceLock<DeadlineRes> = OnceLock::new();
    R.get_or_init(|| {
        let r = |s: &str| Regex::new(s).expect("valid regex");
        let date = r"(?:ngày\s+)?(\d{1,2})\s*[/.-]\s*(\d{1,2})(?:\s*[/.-]\s*(\d{4}))?|ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})(?:\s+năm\s+(\d{4}))?";
        DeadlineRes {
            date: r(&format!(
                r"(?i)(?:trước|chậm nhất(?:\s+là)?(?:\s+vào)?|hạn(?:\s+chót)?(?:\s+là)?|hoàn thành(?:\s+trong)?|xong|đến hết|đến)\s*(?:ngày\s+)?(?:(\d{{1,2}})\s*giờ(?:\s*\d{{1,2}}(?:\s*phút)?)?\s*,?\s*)?(?:{date})"
            )),
            month: r(r"(?i)(?:trong|trước|cuối|đầu|hết|hoàn thành)\s+tháng\s+(\d{1,2})(?:\s*/\s*|\s+năm\s+)(\d{4})"),
            quarter: r(r"(?i)quý\s+(IV|I{1,3}|[1-4])(?:(?:\s*/\s*|\s+năm\s+)(\d{4}))?"),
            half: r(r"(?i)6\s+tháng\s+(đầu|cuối)\s+năm(?:\s+(\d{4}))?"),
            year: r(r"(?i)(?:trong|cuối|đầu|trước|hết|hoàn thành trong)\s+năm\s+(\d{4})"),
            until: r(r"(?i)(?:đến|tới)\s+năm\s+(\d{4})|từ nay đến (?:hết |cuối )?năm\s+(\d{4})"),
            event: r(r"(?i)(?:trước|tại|trình)\s+(?:kỳ họp|hội nghị|phiên họp|kỳ hội nghị|đại hội)[^,;.)]*"),
            recurring: r(r"(?i)(?:định kỳ\s+)?(?:hằng|hàng)\s+(ngày|tuần|tháng|quý|năm)|định kỳ\s+(?:(\d+)\s+)?(tháng|quý|năm)|định kỳ"),
            urgent: r(r"(?i)\b(?:khẩn trương|ngay|dứt điểm|kịp thời|sớm|không để chậm trễ)\b"),
        }
    })
}

fn days_in(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        _ => 28,
    }
}

fn iso(y: i32, m: u32, d: u32) -> Option<String> {
    ((1..=12).contains(&m) && d >= 1 && d <= days_in(y, m)).then(|| format!("{y:04}-{m:02}-{d:02}"))
}

fn roman(s: &str) -> Option<u32> {
    Some(match s.to_uppercase().as_str() {
        "I" | "1" => 1,
        "II" | "2" => 2,
        "III" | "3" => 3,
        "IV" | "4" => 4,
        _ => return None,
    })
}

/// The deadline of a text: the first of the strongest kind found. `year` fills in
/// partial dates (the document's year).
pub fn deadline(text: &str, year: Option<i32>) -> Option<Deadline> {
    let r = res();
    let mk = |kind,
              m: regex::Match,
              start: Option<String>,
              end: Option<String>,
              period: Option<String>| Deadline {
        kind,
        raw: m.as_str().trim().to_string(),
        start,
        end,
        period,
        at: [m.start(), m.end()],
    };
    let num = |c: Option<regex::Match>| c.and_then(|m| m.as_str().parse::<i32>().ok());
    if let Some(c) = r.date.captures(text) {
        let m = c.get(0).expect("whole match");
        // Numeric (d/m[/y]) or written (ngày d tháng m [năm y]).
        let (d, mo, y) = if c.get(2).is_some() {
            (num(c.get(2)), num(c.get(3)), num(c.get(4)))
        } else {
            (num(c.get(5)), num(c.get(6)), num(c.get(7)))
        };
        let y = y.or(year);
        if let (Some(d), Some(mo)) = (d, mo) {
            let date = y.and_then(|y| iso(y, mo as u32, d as u32));
            // "trước ngày 25 hằng tháng" is a recurrence, handled below.
            if !text[m.end()..].trim_start().starts_with("hằng") {
                return Some(mk(DeadlineKind::Date, m, date.clone(), date, None));
            }
        }
    }
    if let Some(c) = r.month.captures(text) {
        let m = c.get(0).expect("whole match");
        if let (Some(mo), Some(y)) = (num(c.get(1)), num(c.get(2))) {
            let mo = mo as u32;
            return Some(mk(
                DeadlineKind::Month,
                m,
                iso(y, mo, 1),
                iso(y, mo, days_in(y, mo)),
                None,
            ));
        }
    }
    if let Some(c) = r.quarter.captures(text) {
        let m = c.get(0).expect("whole match");
        let q = c.get(1).and_then(|q| roman(q.as_str()));
        let y = num(c.get(2)).or(year);
        if let Some(q) = q {
            let (s, e) = match y {
                Some(y) => (iso(y, q * 3 - 2, 1), iso(y, q * 3, days_in(y, q * 3))),
                None => (None, None),
            };
            return Some(mk(DeadlineKind::Quarter, m, s, e, None));
        }
    }
    if let Some(c) = r.half.captures(text) {
        let m = c.get(0).expect("whole match");
        let y = num(c.get(2)).or(year);
        let first = c.get(1).is_some_and(|h| h.as_str().to_lowercase() == "đầu");
        let (s, e) = match (y, first) {
            (Some(y), true) => (iso(y, 1, 1), iso(y, 6, 30)),
            (Some(y), false) => (iso(y, 7, 1), iso(y, 12, 31)),
            _ => (None, None),
        };
        return Some(mk(DeadlineKind::HalfYear, m, s, e, None));
    }
    if let Some(c) = r.year.captures(text) {
        let m = c.get(0).expect("whole match");
        if let Some(y) = num(c.get(1)) {
            return Some(mk(
                DeadlineKind::Year,
                m,
                iso(y, 1, 1),
                iso(y, 12, 31),
                None,
            ));
        }
    }
    // "tầm nhìn đến năm 2050", "định hướng đến năm 2045": a plan's horizon, not a deadline.
    let horizon = |m: &regex::Match| {
        let before: Vec<&str> = text[..m.start()].split_whitespace().rev().take(2).collect();
        matches!(before.as_slice(), ["nhìn", "tầm"] | ["hướng", "định"])
    };
    if let Some(c) = r
        .until
        .captures_iter(text)
        .find(|c| !horizon(&c.get(0).expect("whole match")))
    {
        let m = c.get(0).expect("whole match");
        if let Some(y) = num(c.get(1)).or(num(c.get(2))) {
            return Some(mk(DeadlineKind::Until, m, None, iso(y, 12, 31), None));
        }
    }
    if let Some(m) = r.event.find(text) {
        return Some(mk(DeadlineKind::Event, m, None, None, None));
    }
    // "kế hoạch 5 năm và hằng năm", "nhiệm vụ hằng năm": the period qualifies a noun,
    // it does not time the task.
    let qualifies_a_noun = |m: &regex::Match| {
        let last = text[..m.start()].split_whitespace().last().unwrap_or("");
        matches!(
            last,
            "và" | "hoạch" | "vụ" | "tiêu" | "trình" | "sách" | "phí" | "xuyên"
        )
    };
    if let Some(c) = r
        .recurring
        .captures_iter(text)
        .find(|c| !qualifies_a_noun(&c.get(0).expect("whole match")))
    {
        let m = c.get(0).expect("whole match");
        let unit = c.get(1).or(c.get(3)).map(|u| u.as_str().to_lowercase());
        let every = c.get(2).map(|n| n.as_str().to_string());
        let period = unit.map(|u| {
            let u = match u.as_str() {
                "ngày" => "day",
                "tuần" => "week",
                "tháng" => "month",
                "quý" => "quarter",
                _ => "year",
            };
            // "định kỳ 6 tháng": every six months.
            match &every {
                Some(n) => format!("{n} {u}s"),
                None => u.to_string(),
            }
        });
        return Some(mk(DeadlineKind::Recurring, m, None, None, period));
    }
    None
}

// ── Actions ───────────────────────────────────────────────────────────────────────────

fn action_of(text: &str) -> Option<String> {
    let t = text.trim_start();
    lex()
        .actions
        .iter()
        .filter(|a| t.starts_with(*a) && !t[a.len()..].starts_with(is_word_char))
        .max_by_key(|a| a.len())
        .map(|a| a.to_string())
}

// ── Which nodes are directives ────────────────────────────────────────────────────────

fn is_directive_section(n: &Node) -> bool {
    let h = n.text.to_lowercase();
    // An article's heading ("Điều 87. Trách nhiệm dân sự của pháp nhân") names what it
    // rules on: only the `directive_headings` words make it a section of tasks.
    let article = n.marker.as_deref().is_some_and(|m| m.starts_with("Điều"));
    (lex().directive_headings.iter().any(|w| h.contains(w))
        || (!article
            && lex()
                .directive_heading_openers
                .iter()
                .any(|w| h.starts_with(w))))
        && !lex().assessment_headings.iter().any(|w| h.starts_with(w))
}

/// "chủ trì buổi làm việc", "chủ trì hội nghị": who chaired the meeting, not a task.
fn chairs_a_meeting(after: &str) -> bool {
    let rest = after.strip_prefix("chủ trì").unwrap_or("").trim_start();
    ["buổi", "cuộc", "hội nghị", "phiên", "kỳ họp"]
        .iter()
        .any(|m| rest.starts_with(m))
}

/// Cues that make a sentence outside a directive section an assignment: "Giao X",
/// "Yêu cầu X", "Đề nghị X" opening a sentence or a clause, or "X chủ trì", "X có trách
/// nhiệm" with X an agency's name ("tham gia có trách nhiệm" is no assignment).
fn has_assignment_cue(g: &Gazetteer, t: &str) -> bool {
    let cues = [
        "Giao ",
        "Yêu cầu ",
        "Đề nghị ",
        "giao ",
        "yêu cầu ",
        "đề nghị ",
    ];
    cue_before_name(g, t, &cues)
        || mentions(g, t).iter().any(|m| {
            let a = after(t, m.end);
            (lex().lead_after.iter().any(|c| a.starts_with(c)) && !chairs_a_meeting(&a))
                || (opens_clause(t, m.start) && acts(&a))
        })
}

/// Whether one of `cues` opens a clause of `t` and a name follows it ("Giao Sở …").
/// The cue may also follow who asks ("UBND thành phố Hà Nội đề nghị các Đại sứ quán …")
/// or another request ("…, yêu cầu các Sở, ngành …").
fn cue_before_name(g: &Gazetteer, t: &str, cues: &[&str]) -> bool {
    cues.iter().any(|cue| {
        t.match_indices(cue).any(|(i, _)| {
            head_at(g, t, i + cue.len()).is_some()
                && (opens_clause(t, i) || t[..i].trim_end().ends_with(',') || {
                    let b = t[..i].trim_end();
                    mentions(g, b)
                        .last()
                        .is_some_and(|m| m.end == b.len() && opens_clause(b, m.start))
                })
        })
    })
}

fn is_legal_act(doc: &Document) -> bool {
    doc.header
        .doc_type
        .as_deref()
        .is_some_and(|t| lex().legal_types.contains(&t))
        && doc.walk().iter().any(|n| {
            n.kind == NodeKind::Section
                && n.marker.as_deref().is_some_and(|m| m.starts_with("Điều"))
        })
}

/// Whether a name stands where a clause opens (the text's start, or after `.`, `;`, `:`).
/// A clause may open with what frames it before its subject ("với vai trò là chủ đầu tư,
/// Tập đoàn … chủ động …", "Để xác định vị trí cụ thể của dự án, Ủy ban nhân dân tỉnh …").
fn opens_clause(t: &str, start: usize) -> bool {
    let b = t[..start].trim_end();
    if b.is_empty() || b.ends_with(['.', ';', ':']) {
        return true;
    }
    let Some(frame) = b.strip_suffix(',') else {
        return false;
    };
    let clause = frame[frame.rfind(['.', ';', ':']).map_or(0, |i| i + 1)..].trim_start();
    let lower = clause.to_lowercase();
    !clause.contains(',')
        && lex()
            .frame_openers
            .iter()
            .any(|o| lower.starts_with(o) && !lower[o.len()..].starts_with(is_word_char))
}

/// Whether the words after a name are a task's verb ("tiếp tục rà soát", "chủ trì"),
/// so that the name is the subject who must act. Verbs of a decision ("thống nhất",
/// "đồng ý") or a request ("giao", "đề nghị") make the name the one who decides or asks.
fn acts(after: &str) -> bool {
    let mut a = after;
    while let Some(adv) = lex()
        .subject_adverbs
        .iter()
        .find(|w| a.starts_with(*w) && !a[w.len()..].starts_with(is_word_char))
    {
        a = a[adv.len()..].trim_start_matches([' ', ',']);
    }
    // "… tiếp tục được củng cố", "… đã hoàn thành": what happened, not a task.
    if ["được", "đã", "đang", "vẫn", "chưa"]
        .iter()
        .any(|w| a.starts_with(w) && !a[w.len()..].starts_with(is_word_char))
    {
        return false;
    }
    if a.len() < after.len() {
        return true;
    }
    // Verbs that are also nouns of a name's tail ("Ban chỉ đạo đổi mới, phát triển …"),
    // of a decision ("thống nhất"), or of a request ("giao", "đề nghị").
    const NOT_TASKS: [&str; 17] = [
        "giao",
        "yêu cầu",
        "đề nghị",
        "mời",
        "định kỳ",
        "thống nhất",
        "đồng ý",
        "cho phép",
        "chấp thuận",
        "phê duyệt",
        "công bố",
        "chỉ đạo",
        "phát triển",
        "nâng cao",
        "phát huy",
        "củng cố",
        "kiện toàn",
    ];
    // The verbs as they stand after a name, lower-cased once, not per name.
    static VERBS: OnceLock<Vec<String>> = OnceLock::new();
    let verbs = VERBS.get_or_init(|| {
        lex()
            .actions
            .iter()
            .map(|v| v.to_lowercase())
            .filter(|v| !NOT_TASKS.contains(&v.as_str()))
            .collect()
    });
    verbs
        .iter()
        .any(|v| a.starts_with(v.as_str()) && !a[v.len()..].starts_with(is_word_char))
        && !chairs_a_meeting(a)
}

// ── The pass ──────────────────────────────────────────────────────────────────────────

struct Ctx<'a> {
    g: &'a Gazetteer,
    province: Option<String>,
    /// The district of a district-level issuer ("HUYỆN ỦY ĐỨC LINH": Đức Linh).
    district: Option<String>,
    /// The commune of a commune-level issuer, with its level ("ĐẢNG ỦY XÃ CÔNG HẢI":
    /// `xã`, `Công Hải`; also `phường`, `đặc khu`).
    commune: Option<(&'static str, String)>,
    /// The issuing Party committee of a commune ("ĐẢNG ỦY XÃ CÔNG HẢI": "Đảng ủy xã Công
    /// Hải"): its boards and "Đảng ủy" named bare are its own.
    committee: Option<String>,
    year: Option<i32>,
    /// The document's own date (ISO): a deadline that ends before it is a past event.
    date: Option<String>,
    /// A legal act (its body has articles, `Điều`): provisions state rules, not tasks.
    legal: bool,
    /// The body the meeting was held with, or the notice's addressee.
    default_agency: Option<String>,
    /// Headings that name a body the gazetteer does not know, known by their place among
    /// headings that name bodies (by the start of their span): see [`named_by_siblings`].
    sibling_named: std::collections::HashMap<usize, Vec<String>>,
    /// How the issuer's province is named: `tỉnh`, or `thành phố` for a city under the
    /// centre (`ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI`).
    province_level: &'static str,
}

/// A name ending in the city's own word ("Ủy ban nhân dân Thành phố"), without it.
fn city_stem(s: &str) -> Option<&str> {
    s.strip_suffix(" Thành phố")
        .or_else(|| s.strip_suffix(" thành phố"))
}

impl Ctx<'_> {
    /// Whether a text outside a section on tasks assigns one. In a legal act (articles:
    /// `Điều`) its provisions state rules ("… có trách nhiệm …", "Giám đốc … phạt tiền"):
    /// there only the words that assign implementation count ("Giao X …", "X chịu trách
    /// nhiệm thi hành", "X chủ trì …", "X tổ chức thực hiện").
    fn assigns(&self, text: &str) -> bool {
        if !self.legal {
            return has_assignment_cue(self.g, text);
        }
        cue_before_name(self.g, text, &["Giao ", "giao "])
            || mentions(self.g, text).iter().any(|m| {
                let a = after(text, m.end);
                lex().legal_assignments.iter().any(|c| a.starts_with(c)) && !chairs_a_meeting(&a)
            })
    }

    /// A time printed alone, in a table's column or after a label ("Tháng 12/2025", "Quý
    /// II/2025", "31/12/2025"): read as the phrase a sentence would print, kept as printed.
    fn time_alone(&self, value: &str) -> Option<Deadline> {
        let value = value.trim().trim_end_matches(['.', ';']);
        let lower = with_first(value, char::to_lowercase);
        let phrase = format!("hoàn thành trong {lower}");
        let read = deadline(value, self.year).or_else(|| deadline(&phrase, self.year));
        self.future(read).map(|mut d| {
            d.raw = value.to_string();
            d.at = [0, 0];
            d
        })
    }

    /// A deadline, unless its period ended before the document was issued ("trước ngày
    /// 01/7/1991" in a 2025 letter cites a past date, it sets no deadline).
    fn future(&self, d: Option<Deadline>) -> Option<Deadline> {
        let d = d?;
        match (&d.end, &self.date) {
            (Some(end), Some(date)) if end < date => None,
            _ => Some(d),
        }
    }

    /// One form for all spellings of a name.
    fn canonical(&self, name: &str) -> String {
        let mut words: Vec<String> = Vec::new();
        for w in name.split_whitespace() {
            match self.g.abbr.iter().find(|(a, _)| a == w) {
                Some((_, long)) => words.extend(long.split(' ').map(String::from)),
                None => words.push(w.to_string()),
            }
        }
        let mut s = words.join(" ");
        if let Some(d) = &self.district
            && (s.ends_with(" huyện") || s.ends_with("Huyện ủy"))
        {
            s = format!("{s} {d}");
        }
        // "Đảng ủy UBND xã" in a commune's document: that commune.
        if let Some((level, name)) = &self.commune
            && s.ends_with(&format!(" {level}"))
        {
            s = format!("{s} {name}");
        }
        if let Some(committee) = &self.committee {
            s = self.of_committee(s, committee);
        }
        // "Tỉnh ủy" without a name is the issuer's province committee.
        if let Some(p) = &self.province
            && (s.ends_with("Tỉnh ủy") || s.ends_with("Thành ủy"))
        {
            s = format!("{s} {p}");
        }
        let level = self.province_level;
        if let Some(p) = &self.province {
            // "… tỉnh" with nothing after it is the issuer's province ("… Thành phố" for
            // a city under the centre: "UBND Thành phố", "các sở, ngành Thành phố").
            // Not "UBND các tỉnh" nor "các huyện, thị xã, thành phố": those are many.
            let stem = s
                .strip_suffix(" tỉnh")
                .or_else(|| (level == "thành phố").then(|| city_stem(&s)).flatten())
                .filter(|stem| !stem.ends_with(" các") && !stem.ends_with(','));
            if let Some(stem) = stem {
                s = format!("{stem} {level} {p}");
            }
            // A department named without its province ("Sở Tài chính").
            if (s.starts_with("Sở ")
                || s.starts_with("Văn phòng Ủy ban nhân dân")
                || s.starts_with("Liên minh Hợp tác xã"))
                && !s.contains(p.as_str())
                && !self.g.provinces.iter().any(|q| s.contains(q.as_str()))
                && !s.ends_with(&format!("{level} {p}"))
                && !s.ends_with(" tỉnh")
            {
                s = format!("{s} {level} {p}");
            }
        }
        // "Liên minh Hợp tác xã Bình Thuận": a province named without its level (public
        // bodies only: "Công ty Điện lực Lào Cai" is a company's name).
        let public = [
            "Liên minh",
            "Liên đoàn",
            "Hội ",
            "Sở ",
            "Ban ",
            "Ủy ban",
            "Văn phòng",
            "Công an",
            "Bộ Chỉ huy",
            "Thanh tra",
        ]
        .iter()
        .any(|h| s.starts_with(h));
        for p in self.g.provinces.iter().filter(|_| public) {
            // Only names ending in " {p}" (checked without building strings: this runs for
            // every province on every name).
            let Some(before) = s.strip_suffix(p.as_str()).and_then(|b| b.strip_suffix(' ')) else {
                continue;
            };
            // "Tỉnh ủy Bình Thuận" needs no level either.
            let with_level = (self.g.levels.iter().any(|l| {
                before
                    .strip_suffix(l.as_str())
                    .is_some_and(|x| x.ends_with(' '))
            }) && !before.ends_with("tác xã"))
                || before.ends_with("ủy");
            if !with_level {
                let level = if Some(p) == self.province.as_ref() {
                    level
                } else {
                    "tỉnh"
                };
                s = format!("{before} {level} {p}");
                break;
            }
        }
        // A collective ("các sở, ban, ngành") stays in lower case, as printed mid-sentence.
        match s.strip_prefix("Các ") {
            Some(rest) => format!("các {rest}"),
            None => s,
        }
    }

    /// A name in a commune Party committee's own document, completed with the committee:
    /// "Văn phòng Đảng ủy", "Đảng ủy" → "… Đảng ủy xã Công Hải"; "Ban Xây dựng Đảng" →
    /// "Ban Xây dựng Đảng Đảng ủy xã Công Hải"; "Ban Chấp hành Đảng bộ" → "… Đảng bộ xã
    /// Công Hải".
    fn of_committee(&self, s: String, committee: &str) -> String {
        let place = committee.strip_prefix("Đảng ủy ").unwrap_or(committee);
        if s == "Đảng ủy" || s.ends_with(" Đảng ủy") {
            return format!("{s} {place}");
        }
        if s == "Đảng bộ" || s.ends_with(" Đảng bộ") {
            return format!("{s} {place}");
        }
        if self.g.boards.contains(&s) {
            return format!("{s} {committee}");
        }
        s
    }

    /// The bodies a mention names, each with its range: the members a collective lists
    /// after a colon ("UBND các phường: Hoàn Kiếm, Cửa Nam"), else the mention itself.
    fn names_of(&self, text: &str, m: Mention) -> Vec<(String, [usize; 2])> {
        let listed = members(self.g, text, m);
        if listed.is_empty() {
            vec![(text[m.start..m.end].to_string(), [m.start, m.end])]
        } else {
            listed
        }
    }

    fn assignments_in(&self, text: &str) -> Vec<Assignment> {
        let ms = mentions(self.g, text);
        let mut out = Vec::new();
        for grp in group(text, &ms) {
            let first = grp[0];
            let last = *grp.last().expect("non-empty");
            let Some(role) = role_of(text, first.start, last.end) else {
                continue;
            };
            for m in &grp {
                for (name, at) in self.names_of(text, *m) {
                    out.push(Assignment {
                        canonical: self.canonical(&name),
                        agency: name,
                        role,
                        explicit: true,
                        at: Some(at),
                    });
                }
            }
        }
        out
    }
}

/// The bodies a collective names one by one after a colon: "UBND các phường: Hoàn Kiếm,
/// Cửa Nam và Ba Đình" → "UBND phường Hoàn Kiếm", …; "các Sở: Tài chính, Xây dựng" →
/// "Sở Tài chính", "Sở Xây dựng"; "các Đại sứ quán các nước: Trung Quốc, Ấn Độ" →
/// "Đại sứ quán Trung Quốc", …. Each with the range of its own name; none when the
/// mention is no such collective.
fn members(g: &Gazetteer, text: &str, m: Mention) -> Vec<(String, [usize; 2])> {
    let name = &text[m.start..m.end];
    let Some(list) = text[m.end..].strip_prefix(':') else {
        return Vec::new();
    };
    // "Đại sứ quán các nước: Trung Quốc" names "Đại sứ quán Trung Quốc".
    let of_countries = name.strip_suffix(" các nước");
    let bare = of_countries.unwrap_or(name);
    let at = bare
        .rfind("các ")
        .filter(|&i| i == 0 || bare[..i].ends_with(' '));
    let (prefix, kind) = match (at, of_countries) {
        (Some(at), _) => (bare[..at].trim_end(), &bare[at + "các ".len()..]),
        (None, Some(_)) => (bare, ""),
        (None, None) => return Vec::new(),
    };
    let kind = kind.trim_end_matches(" các");
    // "các xã: Tổ chức …": a task after the colon, no members.
    if action_of(list).is_some() {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut pos = m.end + 1 + (list.len() - list.trim_start().len());
    loop {
        let end = member_end(g, text, pos);
        if end == pos {
            break;
        }
        let item = &text[pos..end];
        let full = [prefix, kind, item]
            .iter()
            .filter(|p| !p.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" ");
        // "các sở: Tài chính" → "Sở Tài chính": the kind opens the name.
        let full = with_first(&full, char::to_uppercase);
        out.push((full, [pos, end]));
        let rest = &text[end..];
        let sep = [", ", " và "].iter().find(|s| rest.starts_with(**s));
        match sep {
            Some(sep)
                if rest[sep.len()..].starts_with(char::is_uppercase)
                    && head_at(g, text, end + sep.len()).is_none() =>
            {
                pos = end + sep.len();
            }
            _ => break,
        }
    }
    // "các Sở, ngành, đơn vị cấp tỉnh: Chủ động cân đối …": after a list of kinds, one
    // capitalised word is the sentence's first, not a member ("các xã, phường: Yên Bình,
    // Quy Mông …" lists several).
    if kind.contains(',') && out.len() < 2 {
        return Vec::new();
    }
    out
}

/// A text with its first letter changed ("các sở …" → "Các sở …"), the rest as it is.
fn with_first<I: Iterator<Item = char>>(text: &str, change: impl Fn(char) -> I) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .into_iter()
        .flat_map(change)
        .chain(chars)
        .collect()
}

/// Where a member of a list that opens at `from` ends: a name of the gazetteer's
/// `member` kind ("Kế hoạch và Đầu tư", "Văn hóa, Thể thao và Du lịch") whole; else
/// capitalised words, "-" between them, and the lower-case syllables of a name, up to a
/// task's verb, "và" or punctuation.
fn member_end(g: &Gazetteer, text: &str, from: usize) -> usize {
    let rest = &text[from..];
    if let Some(m) = g
        .members
        .iter()
        .find(|m| rest.starts_with(m.as_str()) && !rest[m.len()..].starts_with(is_word_char))
    {
        return from + m.len();
    }
    let mut end = from;
    let mut prev = "";
    for word in rest.split(' ') {
        let at = from + (word.as_ptr() as usize - rest.as_ptr() as usize);
        let bare = word.trim_end_matches([',', ';', '.', ':', ')']);
        let next_upper = text[at + word.len()..]
            .trim_start()
            .starts_with(char::is_uppercase);
        let take = if bare.is_empty() || bare == "và" {
            false
        } else if bare.starts_with(char::is_uppercase) {
            end == from || head_at(g, text, at).is_none()
        } else if bare == "-" {
            next_upper
        } else {
            let lower = bare.to_lowercase();
            end > from
                && (!lex().stops.contains(&lower.as_str()) || (lower == "triển" && prev == "Phát"))
        };
        if !take {
            break;
        }
        end = at + bare.len();
        prev = bare;
        if bare.len() < word.len() {
            break;
        }
    }
    end
}

/// Find the directives of a document and annotate their nodes.
pub fn annotate(doc: &mut Document, g: &Gazetteer) {
    let h = &doc.header;
    let province = h
        .issuer
        .as_deref()
        .into_iter()
        .chain(h.issuer_parent.as_deref())
        .find_map(|s| g.province_in(s))
        .map(str::to_string);
    let year = h
        .date
        .as_deref()
        .and_then(|d| d.get(..4))
        .and_then(|y| y.parse().ok())
        .or(h.symbol_year.map(i32::from));
    let district = h
        .issuer
        .as_deref()
        .into_iter()
        .chain(h.issuer_parent.as_deref())
        .find_map(district_in);
    let commune = h.issuer.as_deref().and_then(commune_in);
    let committee = commune
        .as_ref()
        .filter(|_| {
            h.issuer
                .as_deref()
                .is_some_and(|i| i.starts_with("ĐẢNG ỦY "))
        })
        .map(|(level, name)| format!("Đảng ủy {level} {name}"));
    // "ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI", "THÀNH ỦY ĐÀ NẴNG": a city under the centre.
    let city = |s: &str| {
        s.starts_with("THÀNH ỦY ")
            || province.as_deref().is_some_and(|p| {
                s.to_lowercase()
                    .contains(&format!("thành phố {}", p.to_lowercase()))
            })
    };
    let province_level =
        if h.issuer.as_deref().is_some_and(city) || h.issuer_parent.as_deref().is_some_and(city) {
            "thành phố"
        } else {
            "tỉnh"
        };
    let mut cx = Ctx {
        g,
        province,
        district,
        commune,
        committee,
        year,
        date: h.date.clone(),
        legal: is_legal_act(doc),
        default_agency: None,
        province_level,
        sibling_named: Default::default(),
    };
    cx.default_agency = default_agency(&cx, doc);
    cx.sibling_named = named_by_siblings(&cx, &doc.body);
    // A section on tasks anywhere (an "Điều 5. Tổ chức thực hiện" inside a chapter
    // counts): then only such sections hold directives, not every clause of the act.
    // A legal act (Chương, Điều) sets rules, not tasks, outside such sections.
    let has_directive_sections = doc.walk().iter().any(|n| {
        n.kind == NodeKind::Section
            && (is_directive_section(n)
                || n.marker
                    .as_deref()
                    .is_some_and(|m| m.starts_with("Điều") || m.starts_with("Chương")))
    });
    let mut seen_section = false;
    let mut intro = SiblingIntro::default();
    for n in doc.body.iter_mut() {
        seen_section |= n.kind == NodeKind::Section;
        // The opening paragraphs (who met, what was heard) assign nothing.
        if has_directive_sections && !seen_section {
            continue;
        }
        let in_scope = if has_directive_sections {
            n.kind == NodeKind::Section && is_directive_section(n)
        } else {
            true
        };
        intro.visit(&cx, n, in_scope, &Inherited::default());
    }
}

/// A paragraph ending with ":" that names who must act ("… tỉnh Đắk Lắk cần tập trung
/// thực hiện một số nội dung sau:") introduces the items printed after it, at its own
/// level: they are directives, and theirs is its agency when they name none.
#[derive(Default)]
struct SiblingIntro {
    /// The intro in force: what the last paragraph ending with ":" named.
    current: Option<Inherited>,
    /// The columns of a task table whose header row was read: each row after it is a
    /// directive.
    table: Option<Vec<Option<Column>>>,
}

/// What a column of a task table holds.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Column {
    Task,
    Agency(Role),
    Time,
}

/// The columns of a task table's header row (`TT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan
/// phối hợp | Thời gian hoàn thành`), if the row is one: a column of agencies and one
/// more of the task or its time.
fn task_columns(cells: &[String]) -> Option<Vec<Option<Column>>> {
    let columns: Vec<Option<Column>> = cells
        .iter()
        .map(|c| {
            let b = crate::syllable::bare(c);
            if b.contains("chu tri") || b.contains("thuc hien") && b.contains("co quan") {
                Some(Column::Agency(Role::Lead))
            } else if b.contains("phoi hop") {
                Some(Column::Agency(Role::Support))
            } else if b.contains("thoi gian") || b.contains("thoi han") || b.contains("tien do") {
                Some(Column::Time)
            } else if b.contains("nhiem vu") || b.contains("noi dung") || b.contains("giai phap") {
                Some(Column::Task)
            } else {
                None
            }
        })
        .collect();
    let agencies = columns.iter().any(|c| matches!(c, Some(Column::Agency(_))));
    (agencies && columns.iter().flatten().count() >= 2).then_some(columns)
}

/// A task table's row as a directive: the task's text, the agencies of its columns, the
/// time of its time column. Cells are matched to columns from the right when the row
/// has fewer (an empty cell is not printed).
fn table_row(cx: &Ctx, columns: &[Option<Column>], cells: &[String]) -> Option<Directive> {
    let skip = columns.len().checked_sub(cells.len())?;
    let mut assignments = Vec::new();
    let mut deadline_found = None;
    for (cell, column) in cells.iter().zip(&columns[skip..]) {
        match column {
            Some(Column::Agency(role)) => {
                // Printed in the row: explicit, though without a range in its text.
                assignments.extend(named_in(cx, cell, *role).into_iter().map(|mut a| {
                    a.explicit = true;
                    a
                }))
            }
            Some(Column::Time) => deadline_found = cx.time_alone(cell),
            _ => {}
        }
    }
    if assignments.is_empty() {
        return None;
    }
    let task = cells
        .iter()
        .zip(&columns[skip..])
        .find(|(_, c)| **c == Some(Column::Task))
        .map_or("", |(t, _)| t.as_str());
    Some(Directive {
        action: action_of(task),
        assignments,
        // Read from a cell: it has no range of its own in the row's text.
        deadline: deadline_found.map(|mut d| {
            d.at = [0, 0];
            d
        }),
        urgent: res().urgent.is_match(task),
    })
}

impl SiblingIntro {
    fn visit(&mut self, cx: &Ctx, n: &mut Node, in_scope: bool, inherited: &Inherited) {
        if let Some(columns) = task_columns(&n.cells) {
            self.table = Some(columns);
            self.current = None;
            return;
        }
        if let Some(columns) = &self.table {
            if n.cells.is_empty() {
                self.table = None;
            } else {
                n.directive = table_row(cx, columns, &n.cells);
                return;
            }
        }
        let listed = matches!(n.kind, NodeKind::Item | NodeKind::Point | NodeKind::Bullet);
        if !listed {
            self.current = None;
        }
        match &self.current {
            Some(intro) => visit(cx, n, true, intro),
            None => visit(cx, n, in_scope, inherited),
        }
        if n.kind == NodeKind::Paragraph
            && n.children.is_empty()
            && let Some(intro) = sibling_intro(cx, &n.text)
        {
            // It introduces the tasks; it is none itself.
            n.directive = None;
            self.current = Some(intro);
        }
    }
}

/// An assignment read from another node's text: not explicit where it is used, and
/// without a range in that node's text.
fn handed_down(mut a: Assignment) -> Assignment {
    a.explicit = false;
    a.at = None;
    a
}

/// Who an intro names to act (doers and directors), handed to what it introduces.
fn intro_doers(cx: &Ctx, text: &str) -> Vec<Assignment> {
    cx.assignments_in(text)
        .into_iter()
        .filter(|a| matches!(a.role, Role::Lead | Role::Addressee | Role::Supervisor))
        .map(handed_down)
        .collect()
}

/// The agencies a paragraph ending with ":" hands to the items after it.
fn sibling_intro(cx: &Ctx, text: &str) -> Option<Inherited> {
    if !text.trim_end().ends_with(':') {
        return None;
    }
    let intro = intro_doers(cx, text);
    (!intro.is_empty()).then_some(Inherited {
        heading: Vec::new(),
        intro,
    })
}

/// "HUYỆN ỦY ĐỨC LINH", "UBND HUYỆN ĐỨC LINH": the district's name, in title case.
fn district_in(issuer: &str) -> Option<String> {
    let rest = issuer
        .split_once("HUYỆN ỦY ")
        .or_else(|| issuer.split_once("HUYỆN "))
        .map(|(_, r)| r)?;
    title_case(rest)
}

/// "ĐẢNG ỦY XÃ CÔNG HẢI", "ỦY BAN NHÂN DÂN PHƯỜNG BA ĐÌNH": the commune's level and name.
fn commune_in(issuer: &str) -> Option<(&'static str, String)> {
    [
        ("XÃ ", "xã"),
        ("PHƯỜNG ", "phường"),
        ("ĐẶC KHU ", "đặc khu"),
    ]
    .iter()
    .find_map(|(printed, level)| {
        let (before, rest) = issuer.split_once(printed)?;
        (before.is_empty() || before.ends_with(' '))
            .then(|| title_case(rest))
            .flatten()
            .map(|name| (*level, name))
    })
}

/// "CÔNG HẢI" → "Công Hải".
fn title_case(rest: &str) -> Option<String> {
    let words: Vec<String> = rest
        .split_whitespace()
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .into_iter()
                .chain(c.flat_map(|x| x.to_lowercase()))
                .collect()
        })
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

/// The agency a directive with no named agency falls to: whom the meeting was held with
/// ("làm việc với X"), else the first addressee (`Kính gửi`).
fn default_agency(cx: &Ctx, doc: &Document) -> Option<String> {
    let title = doc.header.title.clone().unwrap_or_default();
    let preamble = doc
        .body
        .iter()
        .take_while(|n| n.kind == NodeKind::Paragraph)
        .map(|n| n.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    for t in [title.as_str(), preamble.as_str()] {
        for cue in ["làm việc với ", "họp với "] {
            if let Some(i) = t.find(cue) {
                let at = i + cue.len();
                if let Some(m) = mentions(cx.g, t).into_iter().find(|m| m.start == at) {
                    return Some(t[m.start..m.end].to_string());
                }
            }
        }
    }
    doc.header.addressees.first().map(|a| {
        let ms = mentions(cx.g, a);
        ms.first()
            .map_or(a.clone(), |m| a[m.start..m.end].to_string())
    })
}

/// Whether a node is only a list intro: an agency's name ("1. Sở Công Thương"), or a
/// sentence ending with ":" over children.
fn intro_agencies(cx: &Ctx, n: &Node) -> Option<Inherited> {
    if n.children.is_empty() {
        return None;
    }
    // "2. Trung tâm Bảo tồn di sản Thăng Long - Hà Nội." over its tasks ("- Chủ trì …"): a
    // name with a full stop. Over paragraphs, a sentence ("12. Chính phủ quy định chi tiết
    // Điều này.") stays one.
    let listed = n
        .children
        .iter()
        .all(|c| matches!(c.kind, NodeKind::Bullet | NodeKind::Point | NodeKind::Item));
    let ends = if listed {
        &[':', ';', '.'][..]
    } else {
        &[':', ';'][..]
    };
    let t = n.text.trim_end_matches(ends).trim();
    let t = heading_name(t);
    if let Some(names) = cx.sibling_named.get(&n.span.start) {
        return Some(Inherited {
            heading: names
                .iter()
                .map(|name| Assignment {
                    canonical: cx.canonical(name),
                    agency: name.clone(),
                    role: Role::Lead,
                    explicit: false,
                    at: None,
                })
                .collect(),
            intro: Vec::new(),
        });
    }
    if let Some(heading) = bracketed_heading(cx, t) {
        return Some(Inherited {
            heading,
            intro: Vec::new(),
        });
    }
    let ms = mentions(cx.g, t);
    // "1. Sở Công Thương", "7. Ủy ban nhân dân các xã, phường có cụm công nghiệp": a
    // heading that names who carries out what follows.
    let heading = !ms.is_empty()
        && ms[0].start == 0
        && action_of(t).is_none()
        && !t.ends_with('.')
        && {
            // Names, and what qualifies them ("… có cụm công nghiệp"), but no task.
            let tail = t[ms[ms.len() - 1].end..].trim_start_matches([' ', ',', ';']);
            let covered: usize = ms.iter().map(|m| m.end - m.start).sum();
            covered * 10 >= t.len() * 8
                || tail.is_empty()
                || ["có ", "thuộc ", "trực thuộc", "liên quan", "được ", "tại "]
                    .iter()
                    .any(|q| tail.starts_with(q))
        }
        && ms
            .iter()
            .all(|m| role_of(t, m.start, m.end) != Some(Role::Supervisor));
    if heading {
        return Some(Inherited {
            heading: ms
                .iter()
                .filter(|m| {
                    m.start == 0
                        || t[..m.start].trim_end().ends_with([',', ';'])
                        || t[..m.start].trim_end().ends_with(" và")
                })
                .flat_map(|m| cx.names_of(t, *m))
                .map(|(name, _)| Assignment {
                    canonical: cx.canonical(&name),
                    agency: name,
                    role: Role::Lead,
                    explicit: false,
                    at: None,
                })
                .collect(),
            intro: Vec::new(),
        });
    }
    // "Tổng hợp …, báo cáo UBND tỉnh hằng tháng:" is a directive whose children are its
    // contents; "UBND tỉnh, chỉ đạo các cơ quan:" introduces directives.
    if n.text.trim_end().ends_with(':') && action_of(&n.text).is_none() {
        return Some(Inherited {
            heading: Vec::new(),
            intro: intro_doers(cx, &n.text),
        });
    }
    None
}

/// What a heading over tasks names, without the words that open it: "1. Trách nhiệm của
/// Cục Tổ chức cán bộ" heads a list as "1. Cục Tổ chức cán bộ" does, and so do "4. Đề
/// nghị Ban Tuyên giáo và Dân vận Thành ủy" and "Mời Thành phố Hồ Chí Minh, tỉnh Điện Biên".
fn heading_name(t: &str) -> &str {
    lex()
        .heading_openers
        .iter()
        .find_map(|p| t.strip_prefix(p)?.strip_prefix(' '))
        .unwrap_or(t)
}

/// A heading that names a kind of body and, in brackets, who it is: "Các cơ quan đăng ký
/// đầu tư (Sở Tài chính, Ban quản lý Khu Kinh tế Phú Yên, …)" (the bodies in brackets
/// lead), "Các chủ rừng là tổ chức (các Ban quản lý rừng đặc dụng, …)" (examples of a
/// kind: the kind leads).
fn bracketed_heading(cx: &Ctx, t: &str) -> Option<Vec<Assignment>> {
    let inner = t.strip_suffix(')')?;
    let open = inner.rfind('(')?;
    let (outer, inner) = (inner[..open].trim(), &inner[open + 1..]);
    let words = outer.split_whitespace().count();
    if words == 0 || words > 10 || action_of(outer).is_some() || outer.starts_with("Về ") {
        return None;
    }
    let ms = mentions(cx.g, inner);
    let listed = |m: &Mention| {
        let before = inner[..m.start].trim_end();
        before.is_empty() || before.ends_with([',', ';']) || before.ends_with(" và")
    };
    if ms.is_empty() || !ms.iter().all(listed) {
        return None;
    }
    let lead = |name: &str| Assignment {
        canonical: cx.canonical(name),
        agency: name.to_string(),
        role: Role::Lead,
        explicit: false,
        at: None,
    };
    let examples = ms.iter().all(|m| inner[m.start..].starts_with("các "));
    Some(if examples {
        if !outer.starts_with("Các ") && !outer.starts_with("các ") {
            return None;
        }
        vec![lead(outer)]
    } else {
        // "Sở Nội vụ (Ban Thi đua Khen thưởng Thành phố)": a body and its unit both lead;
        // "Các cơ quan đăng ký đầu tư (Sở Tài chính, …)": a kind, the bodies lead.
        let named = mentions(cx.g, outer)
            .first()
            .is_some_and(|m| m.start == 0 && m.end == outer.len());
        let outer = (named && !outer.to_lowercase().starts_with("các ")).then(|| lead(outer));
        outer
            .into_iter()
            .chain(ms.iter().map(|m| lead(&inner[m.start..m.end])))
            .collect()
    })
}

/// Whether a unit printed where tasks are expected is something else: a field of a plan
/// ("Thời gian: …", "Địa điểm: …", "Cơ quan chỉ đạo: …"), an entry of a list of documents
/// ("Tờ trình số 31-TTr/ĐU ngày …"), or a statement of what is or was (`data/statements.tsv`).
fn not_a_task(cx: &Ctx, text: &str) -> bool {
    if action_of(text).is_some() {
        return false;
    }
    let field = labelled(text).is_some_and(|(meaning, _)| {
        let label = text.split_once(':').map_or("", |(l, _)| l);
        meaning != Some(Label::Task) && mentions(cx.g, label).is_empty()
    });
    // "Tờ trình số 31-TTr/ĐU …", "Quy chế số 02-QC/TU …": the name, then its number.
    let cited = opens_document_name(text) && text.split_whitespace().nth(2) == Some("số");
    field || cited || states_fact(text)
}

/// Whether a text states what is or was (`data/statements.tsv`): a word of fact among its
/// first words ("Tình hình an ninh trật tự tuy ổn định …", not "… khi đã hoàn thành …"),
/// and no word of what must be anywhere ("… còn lúng túng …; yêu cầu X phải rà soát").
fn states_fact(text: &str) -> bool {
    static WORDS: OnceLock<(Vec<String>, Vec<String>)> = OnceLock::new();
    let (facts, musts) = WORDS.get_or_init(|| {
        let mut words = (Vec::new(), Vec::new());
        for line in include_str!("../data/statements.tsv").lines() {
            match line.split_once('\t') {
                Some(("fact", w)) => words.0.push(w.trim().to_string()),
                Some(("must", w)) => words.1.push(w.trim().to_string()),
                _ => {}
            }
        }
        words
    });
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty())
        .collect();
    let at = |phrase: &str, i: usize| {
        phrase
            .split(' ')
            .enumerate()
            .all(|(k, p)| words.get(i + k) == Some(&p))
    };
    // "… theo chức năng, nhiệm vụ được giao …" names a duty, it states nothing.
    let fact = (0..words.len().min(16)).any(|i| {
        facts.iter().any(|f| at(f, i))
            && !(i > 0 && matches!(words[i - 1], "khi" | "nếu" | "đã" | "sẽ"))
            && !matches!(words.get(i + 1), Some(&"giao") | Some(&"phân"))
    });
    let must = (0..words.len()).any(|i| {
        musts.iter().any(|m| at(m, i)) && !(i > 0 && matches!(words[i - 1], "chưa" | "không"))
    });
    fact && !must
}

/// Headings over tasks that name a body the gazetteer does not know ("7. Cơ quan Báo và
/// Phát thanh, Truyền hình Hà Nội", "5. Các chủ rừng là tổ chức"), told by their place:
/// among sibling headings of which two or more name bodies ("5. Công an Thành phố", "6.
/// Sở Y tế"), a short heading with no task verb and no full stop names one too.
fn named_by_siblings(cx: &Ctx, nodes: &[Node]) -> std::collections::HashMap<usize, Vec<String>> {
    let mut found = std::collections::HashMap::new();
    let mut stack = vec![nodes];
    while let Some(level) = stack.pop() {
        let headings: Vec<&Node> = level
            .iter()
            .filter(|n| {
                !n.children.is_empty() && matches!(n.kind, NodeKind::Item | NodeKind::Point)
            })
            .collect();
        let named = headings
            .iter()
            .filter(|n| intro_agencies(cx, n).is_some_and(|i| !i.heading.is_empty()))
            .count();
        // A legal act's clauses ("Trưởng Công an cấp xã có quyền:") are not such headings.
        if named >= 2 && !cx.legal {
            for n in headings {
                let t = heading_name(n.text.trim_end_matches([':', ';']).trim());
                let t = t.split(" (").next().unwrap_or(t);
                let short = (1..=12).contains(&t.split_whitespace().count());
                if short
                    && t.starts_with(char::is_uppercase)
                    && action_of(t).is_none()
                    && !t.ends_with('.')
                    // ("Đối với X" reaches here as "X": `heading_name`.)
                    && !["Về ", "Trách nhiệm", "Nhiệm vụ"]
                        .iter()
                        .any(|p| t.starts_with(p))
                    // "… có quyền", "Hoạt động của hội đồng trường": a clause or a topic.
                    && (!t.contains(" có ") || t.contains(" có liên quan"))
                    && !t.contains(" của ")
                    && intro_agencies(cx, n).is_none_or(|i| i.heading.is_empty())
                {
                    found.insert(n.span.start, places_or_one(cx.g, t));
                }
            }
        }
        for n in level {
            stack.push(&n.children);
        }
    }
    found
}

/// "Thành phố Hồ Chí Minh, tỉnh Đăk Lăk, tỉnh Điện Biên": places listed one by one; any
/// other name stays whole ("Cơ quan Báo và Phát thanh, Truyền hình Hà Nội").
fn places_or_one(g: &Gazetteer, t: &str) -> Vec<String> {
    let parts: Vec<&str> = t.split(", ").collect();
    // Each part opens with an administrative level of the gazetteer ("tỉnh", "thành phố").
    let place = |p: &&str| {
        let lower = p.to_lowercase();
        g.levels.iter().any(|l| opens_with(&lower, l))
    };
    if parts.len() > 1 && parts.iter().all(place) {
        parts.into_iter().map(String::from).collect()
    } else {
        vec![t.to_string()]
    }
}

/// What a node passes down to the directives under it.
#[derive(Debug, Clone, Default)]
struct Inherited {
    /// Named by a heading ("1. Sở Công Thương"): the lead of every directive under it.
    heading: Vec<Assignment>,
    /// Named by an intro sentence ("UBND tỉnh, chỉ đạo các cơ quan:"): its supervisors
    /// direct every directive under it; its doers do those that name no one.
    intro: Vec<Assignment>,
}

impl Inherited {
    fn is_empty(&self) -> bool {
        self.heading.is_empty() && self.intro.is_empty()
    }
}

fn visit(cx: &Ctx, n: &mut Node, in_scope: bool, inherited: &Inherited) {
    if task_group(cx, n) {
        return;
    }
    // A task written as a block: its name, then who leads, who supports, by when.
    if let Some(d) = task_block(cx, n, in_scope) {
        place_block(cx, n, d);
        return;
    }
    match n.kind {
        NodeKind::Section => {
            // An article stands on its own heading: "Điều 9. Hiệu lực thi hành" in a
            // chapter on implementation sets no task.
            let article = n.marker.as_deref().is_some_and(|m| m.starts_with("Điều"));
            let scope = if article {
                is_directive_section(n)
            } else {
                in_scope || is_directive_section(n)
            };
            let mut intro = SiblingIntro::default();
            for c in n.children.iter_mut() {
                intro.visit(cx, c, scope, inherited);
            }
            return;
        }
        // "Căn cứ Kết luận của Thường trực Đảng ủy, đề nghị Đảng ủy UBND xã … triển khai":
        // a request that opens by citing what it rests on, not a legal basis.
        NodeKind::Basis => {
            if cue_before_name(
                cx.g,
                &n.text,
                &["đề nghị ", "yêu cầu ", "giao ", "Đề nghị "],
            ) {
                n.directive = Some(directive(cx, &n.text, &Inherited::default(), true));
            }
            return;
        }
        // The closing paragraph asks too ("Yêu cầu Giám đốc các sở … triển khai thực hiện
        // nghiêm túc Chỉ thị này./."): a directive when it names who must act.
        NodeKind::Closing => {
            if cx.assigns(&n.text) {
                n.directive = Some(directive(cx, &n.text, &Inherited::default(), true));
            }
            return;
        }
        _ => {}
    }
    if let Some(intro) = intro_agencies(cx, n) {
        // Under an intro that names someone, every child is a directive; under one that
        // names no one ("Tang vật gồm:"), the children are what they were.
        let scope = in_scope || !intro.is_empty();
        let carried = if intro.is_empty() {
            inherited.clone()
        } else {
            intro
        };
        for c in n.children.iter_mut() {
            visit(cx, c, scope, &carried);
        }
        return;
    }
    // "1. Tăng cường sự lãnh đạo của Đảng …" over points a), b): a topic, whose points
    // are the directives.
    // "2. Khó khăn, vướng mắc" over paragraphs: a short title, no verb, no full stop.
    let short_title = n.text.split_whitespace().count() <= 12 && action_of(&n.text).is_none();
    let topic = n.kind == NodeKind::Item
        && !n.text.trim_end().ends_with(['.', ';', ':'])
        && (n
            .children
            .iter()
            .any(|c| matches!(c.kind, NodeKind::Point | NodeKind::Bullet | NodeKind::Item))
            || (short_title && !n.children.is_empty()));
    if topic {
        for c in n.children.iter_mut() {
            visit(cx, c, in_scope, inherited);
        }
        return;
    }
    let assigns = cx.assigns(&n.text);
    let candidate = match n.kind {
        NodeKind::Item | NodeKind::Point | NodeKind::Bullet => in_scope || assigns,
        NodeKind::Paragraph => (in_scope && !inherited.is_empty()) || assigns,
        _ => false,
    } && (assigns || !not_a_task(cx, &n.text));
    if candidate {
        n.directive = Some(directive(
            cx,
            &n.text,
            inherited,
            n.kind == NodeKind::Paragraph,
        ));
        // A directive that ends with ":" lists what it asks for: its children are its
        // contents, not directives of their own.
        if n.text.trim_end().ends_with(':') {
            return;
        }
    }
    for c in n.children.iter_mut() {
        visit(cx, c, in_scope, inherited);
    }
}

/// What a labelled line under a task says (`- Đơn vị chủ trì: Sở Văn hóa và Thể thao.`,
/// `- Thời gian thực hiện: tháng 6/2028`, `a) Nhiệm vụ: …`): the role of the names after
/// the label, a time, or the task itself; `None` for a label of another kind (`Địa điểm:`,
/// `Kinh phí:`).
#[derive(Debug, Clone, Copy, PartialEq)]
enum Label {
    Role(Role),
    Time,
    Task,
}

/// The labels of `data/task_labels.tsv`, without diacritics, and what they give.
fn task_labels() -> &'static [(String, Label)] {
    static LABELS: OnceLock<Vec<(String, Label)>> = OnceLock::new();
    LABELS.get_or_init(|| {
        include_str!("../data/task_labels.tsv")
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .filter_map(|l| {
                let (label, meaning) = l.split_once('\t')?;
                let meaning = match meaning.trim() {
                    "lead" => Label::Role(Role::Lead),
                    "support" => Label::Role(Role::Support),
                    "time" => Label::Time,
                    "task" => Label::Task,
                    other => panic!("data/task_labels.tsv: unknown meaning {other:?}"),
                };
                Some((label.to_string(), meaning))
            })
            .collect()
    })
}

/// A child line `Label: value` (a short label before the colon), and its label's meaning.
fn labelled(text: &str) -> Option<(Option<Label>, &str)> {
    let (label, value) = text.split_once(':')?;
    if label.split_whitespace().count() > 5 {
        return None;
    }
    let key = crate::syllable::bare(label.trim());
    let meaning = task_labels()
        .iter()
        .find(|(k, _)| *k == key)
        .map(|&(_, l)| l);
    Some((meaning, value.trim()))
}

/// A line under a task that only says who does it: "Đảng ủy UBND xã chủ trì, phối hợp
/// các cơ quan liên quan tham mưu trình trong tháng 01/2026".
fn says_who(cx: &Ctx, text: &str) -> bool {
    let ms = mentions(cx.g, text);
    if ms.first().is_none_or(|m| m.start != 0) || text.split_whitespace().count() > 30 {
        return false;
    }
    // The names that open the line: "Ban Xây dựng Đảng, Thường trực HĐND, UBND xã",
    // "Đảng ủy UBND xã" (read as two names).
    let mut end = ms[0].end;
    for m in &ms[1..] {
        let between = text[end..m.start].trim();
        if !matches!(between, "" | "," | "và" | ", và") {
            break;
        }
        end = m.end;
    }
    ["chủ trì", "tham mưu", "phối hợp", "thực hiện", "chuẩn bị"]
        .iter()
        .any(|c| after(text, end).starts_with(c))
}

/// A node whose children say who leads, who supports and by when (labelled lines, or,
/// where tasks are expected, a line naming who does it): one directive, theirs the agencies and the time; the
/// children are its parts, not directives of their own.
fn task_block(cx: &Ctx, n: &Node, in_scope: bool) -> Option<Directive> {
    if n.children.is_empty() || n.kind == NodeKind::Closing || n.kind == NodeKind::Basis {
        return None;
    }
    let mut assignments: Vec<Assignment> = Vec::new();
    let mut deadline_found = None;
    let mut parts = 0;
    for c in &n.children {
        match labelled(&c.text) {
            Some((Some(Label::Role(role)), value)) => {
                parts += 1;
                assignments.extend(named_in(cx, value, role));
            }
            Some((Some(Label::Time), value)) => {
                deadline_found = deadline_found.or_else(|| cx.time_alone(value));
            }
            // A line, not a heading over lines of its own ("1. Các cơ quan tham mưu …:").
            _ if c.children.is_empty()
                && (in_scope || cx.assigns(&c.text))
                && says_who(cx, &c.text) =>
            {
                parts += 1;
                assignments.extend(cx.assignments_in(&c.text).into_iter().map(handed_down));
                deadline_found = deadline_found.or_else(|| cx.future(deadline(&c.text, cx.year)));
            }
            _ => {}
        }
    }
    if parts == 0 || assignments.is_empty() {
        return None;
    }
    let d = directive(cx, &n.text, &Inherited::default(), false);
    Some(with_parts(d, &assignments, deadline_found))
}

/// A task block under a period ("Năm 2028" over "Sơ kết giữa nhiệm kỳ …", "- Ban Xây
/// dựng Đảng chủ trì …", "- Thời gian thực hiện: tháng 6/2028"): the task is the line
/// that says what is to be done, not the period; each such line gets the block's
/// agencies, and its time (the period's when the block names none).
fn place_block(cx: &Ctx, n: &mut Node, d: Directive) {
    let tasks: Vec<usize> = n
        .children
        .iter()
        .enumerate()
        .filter(|(_, c)| labelled(&c.text).is_none() && !says_who(cx, &c.text))
        .map(|(i, _)| i)
        .collect();
    if !is_period(&n.text) || tasks.is_empty() {
        n.directive = Some(d);
        return;
    }
    let due = d
        .deadline
        .clone()
        .or_else(|| cx.future(deadline(&n.text, cx.year)));
    for i in tasks {
        let unit = &mut n.children[i];
        let own = directive(cx, &unit.text, &Inherited::default(), false);
        unit.directive = Some(with_parts(own, &d.assignments, due.clone()));
    }
}

/// A heading that is a period and nothing else ("Năm 2028", "Quý IV, năm 2025"): a few
/// words, no action, a year.
fn is_period(text: &str) -> bool {
    text.split_whitespace().count() <= 6
        && action_of(text).is_none()
        && text
            .split(|c: char| !c.is_ascii_digit())
            .any(|y| y.len() == 4 && (y.starts_with("19") || y.starts_with("20")))
}

/// A task written in parts (`a) Nhiệm vụ: …`, `b) Cơ quan thực hiện:` over `- Đơn vị chủ
/// trì: …` and `- Đơn vị phối hợp: …`, `c) Thời gian thực hiện: …`): the units of its task
/// part are the directives (the lines under `Nhiệm vụ:`, or that part itself), each with
/// the agencies and the time of the other parts. `false` when the node is not one.
fn task_group(cx: &Ctx, n: &mut Node) -> bool {
    let Some(task_at) = n
        .children
        .iter()
        .position(|c| matches!(labelled(&c.text), Some((Some(Label::Task), _))))
    else {
        return false;
    };
    let mut agencies: Vec<Assignment> = Vec::new();
    let mut due = None;
    for (i, c) in n.children.iter().enumerate() {
        if i == task_at {
            continue;
        }
        match labelled(&c.text) {
            // "b) Cơ quan thực hiện:" over its labelled lines.
            Some((Some(Label::Role(_)), "")) => {
                for line in &c.children {
                    match labelled(&line.text) {
                        Some((Some(Label::Role(role)), value)) => {
                            agencies.extend(named_in(cx, value, role))
                        }
                        Some((Some(Label::Time), value)) => {
                            due = due.or_else(|| cx.time_alone(value))
                        }
                        _ => {}
                    }
                }
            }
            Some((Some(Label::Role(role)), value)) => agencies.extend(named_in(cx, value, role)),
            Some((Some(Label::Time), value)) => due = due.or_else(|| cx.time_alone(value)),
            _ => {}
        }
    }
    if agencies.is_empty() && due.is_none() {
        return false;
    }
    let task = &mut n.children[task_at];
    let units: Vec<&mut Node> = if task.children.is_empty() {
        vec![task]
    } else {
        task.children.iter_mut().collect()
    };
    for unit in units {
        let d = directive(cx, &unit.text, &Inherited::default(), false);
        unit.directive = Some(with_parts(d, &agencies, due.clone()));
    }
    true
}

/// A directive given the agencies and the time read from the lines that describe its task:
/// their lead replaces any the task's own text implied.
fn with_parts(mut d: Directive, agencies: &[Assignment], due: Option<Deadline>) -> Directive {
    if agencies.iter().any(|b| b.role == Role::Lead) {
        d.assignments.retain(|a| a.role != Role::Lead);
    }
    for a in agencies {
        if !d
            .assignments
            .iter()
            .any(|b| b.canonical == a.canonical && b.role == a.role)
        {
            d.assignments.push(a.clone());
        }
    }
    // The time was read from a line apart from the task: it has no range in its text.
    d.deadline = d.deadline.or(due.map(|mut dl| {
        dl.at = [0, 0];
        dl
    }));
    d
}

/// The names a labelled line or a table cell gives, with its role: the entries of the
/// list it holds ("Các Đại sứ quán, các tỉnh, thành phố và Sở Y tế" → "Các Đại sứ quán",
/// "các tỉnh, thành phố", "Sở Y tế"), each a name as printed, bodies the gazetteer does
/// not know included; an entry too long to be a name gives the gazetteer's names in it.
fn named_in(cx: &Ctx, value: &str, role: Role) -> Vec<Assignment> {
    let value = value.trim_end_matches(['.', ';', ',', ' ']);
    let mut names: Vec<&str> = Vec::new();
    for entry in list_entries(cx.g, value) {
        if entry.split_whitespace().count() <= 12 {
            names.push(entry);
        } else {
            names.extend(mentions(cx.g, entry).iter().map(|m| &entry[m.start..m.end]));
        }
    }
    names
        .into_iter()
        .map(|name| Assignment {
            canonical: cx.canonical(name),
            agency: name.to_string(),
            role,
            explicit: false,
            at: None,
        })
        .collect()
}

/// The entries of a list of bodies: split at ";", and at "," or "và" before a word that
/// opens a name ("các", a capital, a gazetteer head); a lower-case word after a comma goes
/// on with the entry before it ("các doanh nghiệp, tổ chức, cá nhân có liên quan").
fn list_entries<'t>(g: &Gazetteer, value: &'t str) -> Vec<&'t str> {
    // Never inside a name the gazetteer reads whole ("Sở Văn hóa, Thể thao và Du lịch").
    let names = mentions(g, value);
    let inside = |i: usize| names.iter().any(|m| m.start < i && i < m.end);
    let mut entries = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < value.len() {
        let rest = &value[i..];
        let sep = if rest.starts_with("; ") || rest.starts_with(", ") {
            2
        } else if rest.starts_with(" và ") {
            " và ".len()
        } else {
            i += rest.chars().next().map_or(1, char::len_utf8);
            continue;
        };
        let next = &value[i + sep..];
        let opens = next.starts_with("các ")
            || next.starts_with(char::is_uppercase)
            || head_at(g, value, i + sep).is_some();
        if rest.starts_with(';') || (opens && !inside(i)) {
            entries.push(value[start..i].trim());
            start = i + sep;
        }
        i += sep;
    }
    entries.push(value[start..].trim());
    entries.retain(|e| !e.is_empty());
    entries
}

/// "Công an tỉnh: Chỉ đạo các đơn vị trực thuộc … triển khai …": the body of the label
/// directs, the bodies named after "Chỉ đạo" carry out. It leads too when a further clause
/// is its own ("…; phối hợp với ngành Giáo dục …").
fn label_directs(text: &str, assignments: &mut Vec<Assignment>) {
    let Some((label, rest)) = text.split_once(": ") else {
        return;
    };
    let named_after = |a: &Assignment| a.at.is_some_and(|[start, _]| start > label.len());
    if !lex().directs.iter().any(|c| opens_with(rest, c))
        || !assignments
            .iter()
            .any(|a| a.role == Role::Lead && named_after(a))
    {
        return;
    }
    let own_clause = rest.contains("; ");
    let mut directing = Vec::new();
    for a in assignments.iter_mut() {
        if a.role == Role::Lead && a.at.is_some_and(|[_, end]| end <= label.len()) {
            if own_clause {
                directing.push(a.clone());
            }
            a.role = Role::Supervisor;
        }
    }
    assignments.extend(directing);
}

fn directive(cx: &Ctx, text: &str, inherited: &Inherited, paragraph: bool) -> Directive {
    let mut assignments = cx.assignments_in(text);
    label_directs(text, &mut assignments);
    let has_doer = assignments
        .iter()
        .any(|a| matches!(a.role, Role::Lead | Role::Addressee));
    // Who directs the list ("Ban cán sự đảng … lãnh đạo, chỉ đạo:") directs each item;
    // the agency of a heading leads each item, whoever else the item names.
    let supervisors: Vec<Assignment> = inherited
        .intro
        .iter()
        .filter(|a| a.role == Role::Supervisor)
        .cloned()
        .collect();
    let doers: Vec<Assignment> = inherited
        .intro
        .iter()
        .filter(|a| a.role != Role::Supervisor)
        .cloned()
        .collect();
    assignments.splice(0..0, supervisors);
    // A paragraph that opens by naming its own agency ("Giao Ban …", "Đề nghị UBND …")
    // stands apart from the heading printed above it.
    // (A bullet under a heading that opens "Yêu cầu các đơn vị …" is still the heading
    // agency's task.)
    let own = paragraph
        && ["Giao ", "Đề nghị ", "Yêu cầu "]
            .iter()
            .any(|c| text.starts_with(c) && head_at(cx.g, text, c.len()).is_some());
    if !own {
        // "1. Sở Nông nghiệp …" over "- Chỉ đạo các đơn vị chủ rừng …": the heading's
        // agency directs, the ones named after "chỉ đạo" carry the task out.
        let directs = lex().directs.iter().any(|c| opens_with(text, c))
            && assignments.iter().any(|a| a.role == Role::Lead);
        let heading = inherited.heading.iter().cloned().map(|mut a| {
            if directs {
                a.role = Role::Supervisor;
            }
            a
        });
        assignments.splice(0..0, heading);
    }
    let has_doer = has_doer || (!own && !inherited.heading.is_empty());
    if !has_doer {
        if !doers.is_empty() {
            assignments.splice(0..0, doers);
        } else if let Some(d) = &cx.default_agency {
            assignments.insert(
                0,
                Assignment {
                    canonical: cx.canonical(d),
                    agency: d.clone(),
                    role: Role::Lead,
                    explicit: false,
                    at: None,
                },
            );
        }
    }
    // One name, one role: the first one found.
    let mut seen: Vec<(String, Role)> = Vec::new();
    assignments.retain(|a| {
        let k = (a.canonical.clone(), a.role);
        if seen.contains(&k) {
            false
        } else {
            seen.push(k);
            true
        }
    });
    Directive {
        action: action_of(text),
        assignments,
        deadline: cx.future(deadline(text, cx.year)),
        urgent: res().urgent.is_match(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<String> {
        let g = Gazetteer::builtin();
        mentions(g, text)
            .iter()
            .map(|m| text[m.start..m.end].to_string())
            .collect()
    }

    /// A document's context that knows nothing of its issuer.
    fn plain_ctx() -> Ctx<'static> {
        Ctx {
            g: Gazetteer::builtin(),
            province: None,
            district: None,
            commune: None,
            committee: None,
            year: None,
            date: None,
            legal: false,
            default_agency: None,
            province_level: "tỉnh",
            sibling_named: Default::default(),
        }
    }

    /// The names the first mention of a text gives (`Ctx::names_of`).
    fn members_of(text: &str) -> Vec<String> {
        let cx = plain_ctx();
        let m = mentions(cx.g, text)[0];
        cx.names_of(text, m)
            .into_iter()
            .map(|(name, _)| name)
            .collect()
    }

    #[test]
    fn a_collective_lists_its_members_after_a_colon_not_a_task() {
        assert_eq!(
            members_of("UBND các phường: Ba Đình, Hoàn Kiếm và Cửa Nam."),
            vec![
                "UBND phường Ba Đình",
                "UBND phường Hoàn Kiếm",
                "UBND phường Cửa Nam"
            ]
        );
        assert_eq!(
            members_of("các Đại sứ quán các nước: Trung Quốc, Ấn Độ"),
            vec!["Đại sứ quán Trung Quốc", "Đại sứ quán Ấn Độ"]
        );
        assert_eq!(
            members_of("các cơ quan liên quan: Tăng cường kiểm tra"),
            vec!["các cơ quan liên quan"]
        );
        assert_eq!(
            members_of("các Sở, ngành, đơn vị cấp tỉnh: Chủ động cân đối kinh phí"),
            vec!["các Sở, ngành, đơn vị cấp tỉnh"]
        );
    }

    #[test]
    fn agency_names_end_where_the_task_begins() {
        assert_eq!(
            names("Giao Sở Tài nguyên và Môi trường chủ trì, phối hợp các đơn vị liên quan"),
            vec!["Sở Tài nguyên và Môi trường", "các đơn vị liên quan"]
        );
        assert_eq!(names("Sở Tài chính bố trí kinh phí"), vec!["Sở Tài chính"]);
        assert_eq!(
            names("Sở Tài chính, Sở Xây dựng và UBND các huyện"),
            vec!["Sở Tài chính", "Sở Xây dựng", "UBND các huyện"]
        );
        assert_eq!(
            names("Sở Văn hóa, Thể thao và Du lịch chủ trì"),
            vec!["Sở Văn hóa, Thể thao và Du lịch"]
        );
        assert_eq!(
            names("phối hợp với các sở, ban, ngành liên quan"),
            vec!["các sở, ban, ngành liên quan"]
        );
        assert_eq!(names("Ban hành kế hoạch"), Vec::<String>::new());
    }

    #[test]
    fn task_labels_load_and_lists_split_into_names() {
        assert!(task_labels().len() >= 20);
        assert_eq!(
            labelled("Đơn vị chủ trì: Sở Y tế."),
            Some((Some(Label::Role(Role::Lead)), "Sở Y tế."))
        );
        assert_eq!(
            labelled("Nhiệm vụ: Rà soát"),
            Some((Some(Label::Task), "Rà soát"))
        );
        let g = Gazetteer::builtin();
        assert_eq!(
            list_entries(
                g,
                "Các Đại sứ quán, các tỉnh, thành phố và Sở Văn hóa, Thể thao và Du lịch"
            ),
            vec![
                "Các Đại sứ quán",
                "các tỉnh, thành phố",
                "Sở Văn hóa, Thể thao và Du lịch"
            ]
        );
        assert_eq!(
            list_entries(g, "Các doanh nghiệp, tổ chức, cá nhân có liên quan"),
            vec!["Các doanh nghiệp, tổ chức, cá nhân có liên quan"]
        );
    }

    #[test]
    fn statements_fields_and_cited_documents_are_not_tasks() {
        let cx = plain_ctx();
        for text in [
            "Tình hình an ninh trật tự tuy ổn định nhưng vẫn còn tiềm ẩn nguy cơ.",
            "Công tác xây dựng Đảng, hệ thống chính trị được đẩy mạnh.",
            "Thời gian: Vào lúc 08 giờ 00 phút, ngày 09/11/2024 (sáng Thứ Bảy).",
            "Địa điểm: Hội trường Khách sạn Mường Thanh.",
            "Tờ trình số 31-TTr/ĐU ngày 18/12/2025 của Đảng ủy UBND xã về giao biên chế.",
        ] {
            assert!(not_a_task(&cx, text), "{text}");
        }
        for text in [
            "Chỉ thực hiện cho phép khai thác khoáng sản khi đã hoàn thành đầy đủ các thủ tục.",
            "Các Sở, ban, ngành căn cứ chức năng nhiệm vụ được giao thực hiện tham mưu.",
            "Qua thực tế cho thấy việc triển khai còn nhiều lúng túng; yêu cầu Liên minh \
             Hợp tác xã tỉnh phải rà soát lại.",
            "Công tác phát triển đảng viên mới chưa bảo đảm tiến độ, cần được đẩy mạnh.",
            "Công an tỉnh: Chỉ đạo các đơn vị trực thuộc triển khai các biện pháp.",
            "Tiếp tục triển khai Nghị quyết số 12-NQ/TU đã được ban hành.",
        ] {
            assert!(!not_a_task(&cx, text), "{text}");
        }
    }

    #[test]
    fn names_end_at_a_whole_body() {
        assert_eq!(
            names("báo cáo Thủ tướng Chính phủ kết quả thực hiện"),
            vec!["Thủ tướng Chính phủ"]
        );
        assert_eq!(
            names("tham mưu Ban Thường vụ Đảng ủy Kế hoạch năm 2026"),
            vec!["Ban Thường vụ Đảng ủy"]
        );
        assert_eq!(
            names("Đề nghị Báo Bình Thuận đăng tin"),
            vec!["Báo Bình Thuận"]
        );
        assert_eq!(names("Đảng ủy cơ sở chỉ đạo"), vec!["Đảng ủy cơ sở"]);
        assert_eq!(
            names("Sở Kế hoạch và Đầu tư chủ trì"),
            vec!["Sở Kế hoạch và Đầu tư"]
        );
    }

    #[test]
    fn deadlines_normalize_to_periods() {
        let d = deadline("hoàn thành trước ngày 10/12/2023", None).unwrap();
        assert_eq!(
            (d.kind, d.start.as_deref(), d.end.as_deref()),
            (DeadlineKind::Date, Some("2023-12-10"), Some("2023-12-10"))
        );
        let d = deadline(
            "gửi về Văn phòng UBND tỉnh trước 14 giờ, ngày 05/12/2017",
            None,
        )
        .unwrap();
        assert_eq!(d.end.as_deref(), Some("2017-12-05"));
        let d = deadline("(hoàn thành việc sắp xếp trước ngày 31/8)", Some(2025)).unwrap();
        assert_eq!(d.end.as_deref(), Some("2025-08-31"));
        let d = deadline("trình trong quý III/2008", None).unwrap();
        assert_eq!(
            (d.kind, d.start.as_deref(), d.end.as_deref()),
            (
                DeadlineKind::Quarter,
                Some("2008-07-01"),
                Some("2008-09-30")
            )
        );
        let d = deadline("ban hành trong tháng 11/2019", None).unwrap();
        assert_eq!(
            (d.start.as_deref(), d.end.as_deref()),
            (Some("2019-11-01"), Some("2019-11-30"))
        );
        let d = deadline("chậm nhất ngày 05 tháng 12 năm 2017", None).unwrap();
        assert_eq!(d.end.as_deref(), Some("2017-12-05"));
        let d = deadline("Định kỳ hằng quý tổng hợp, báo cáo", None).unwrap();
        assert_eq!(
            (d.kind, d.period.as_deref()),
            (DeadlineKind::Recurring, Some("quarter"))
        );
        let d = deadline("trình tại kỳ họp thứ 10 HĐND tỉnh", None).unwrap();
        assert_eq!(d.kind, DeadlineKind::Event);
        // A date that is not a deadline: no cue.
        assert_eq!(
            deadline("Nghị quyết số 12 ngày 18/7/2007 của Tỉnh ủy", None),
            None
        );
    }
}
