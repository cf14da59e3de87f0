//! The header of a scan read by OCR, mended before the grammar reads it: the format's
//! fixed words restored from their letters when OCR damaged their diacritics
//! (`CỌNG HÒA XÃ HỘI CHÚ NGHĨA VIỆT NAM`, `CHÍ THỊ`, `TĨNH QUANG NGAI`), and the two
//! header columns that OCR printed on one line, joined by one space, split with a TAB
//! where the right column starts (the Quốc hiệu, the Tiêu ngữ, the Party's name, a place
//! and date after the `Số` of the left column). The words come from
//! `data/vocabulary.tsv` and the provinces of `data/gazetteer.tsv`.
//!
//! It works on a line's characters with their original offsets (see
//! [`crate::normalize`]): a restored word's letters take the offsets of the letters they
//! replace, so spans still point at the printed text.

use crate::syllable::bare;
use std::sync::OnceLock;

/// Lines from the top that are mended: the header and the title stand there.
pub(crate) const HEADER_LINES: usize = 24;

const VOCABULARY: &str = include_str!("../data/vocabulary.tsv");
const GAZETTEER: &str = include_str!("../data/gazetteer.tsv");

#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    /// Starts the right column.
    Column,
    /// A type name alone on its line.
    Type,
    /// A word of an issuer's name.
    Word,
    /// A province or city of the gazetteer.
    Province,
}

struct Phrase {
    kind: Kind,
    form: Vec<char>,
    /// Its words without diacritics, lower-case.
    bare: Vec<String>,
}

fn phrases() -> &'static [Phrase] {
    static P: OnceLock<Vec<Phrase>> = OnceLock::new();
    P.get_or_init(|| {
        let mut out = Vec::new();
        let mut add = |kind, form: &str| {
            out.push(Phrase {
                kind,
                form: form.chars().collect(),
                bare: bare(form).split_whitespace().map(String::from).collect(),
            })
        };
        for line in VOCABULARY.lines().filter(|l| !l.starts_with('#')) {
            match line.split_once('\t') {
                Some(("column", f)) => add(Kind::Column, f),
                Some(("type", f)) => add(Kind::Type, f),
                Some(("word", f)) => add(Kind::Word, f),
                _ => {}
            }
        }
        for line in GAZETTEER.lines() {
            // In capitals in an issuer's name, as written in a place ("Cân Thơ, ngày …").
            if let Some(p) = line.strip_prefix("province\t") {
                add(Kind::Province, &p.to_uppercase());
                add(Kind::Province, p.trim_end());
            }
        }
        // Longest first: "CỘNG HÒA XÃ HỘI …" before a word inside it.
        out.sort_by_key(|p| std::cmp::Reverse(p.bare.len()));
        out
    })
}

/// A word of the line: its characters' range, and its letters without diacritics.
struct Token {
    start: usize,
    end: usize,
    bare: String,
    upper: bool,
    /// It opens with a capital (`Cân`, `THƠ`): a name's word, where a place is written.
    initial: bool,
    /// The printed word is a Vietnamese syllable (so not a misreading of another).
    syllable: bool,
}

fn tokens(chars: &[(char, usize)]) -> Vec<Token> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].0.is_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && !chars[i].0.is_whitespace() {
            i += 1;
        }
        let word: String = chars[start..i].iter().map(|&(c, _)| c).collect();
        let letters: String = word
            .chars()
            .filter(|c| c.is_alphanumeric() || *c == '-')
            .collect();
        let alpha: String = word.chars().filter(|c| c.is_alphabetic()).collect();
        out.push(Token {
            start,
            end: i,
            syllable: crate::syllable::is_syllable(&alpha),
            bare: bare(&letters),
            upper: word.chars().any(char::is_alphabetic) && !word.chars().any(char::is_lowercase),
            initial: word
                .chars()
                .find(|c| c.is_alphabetic())
                .is_some_and(char::is_uppercase),
        });
    }
    out
}

/// Whether OCR's reading of a word is the word: equal without diacritics, or one letter
/// off in a word of four letters or more (`ngaai` for `ngai`).
fn close(read: &str, word: &str) -> bool {
    read == word || (word.len() >= 4 && edit_distance(read, word) <= 1)
}

/// [`close`], and a reading one letter off is no word of its own (`NGAÀI` may be `NGÃI`;
/// `CÔNG` is not `LONG`).
fn close_token(t: &Token, word: &str) -> bool {
    t.bare == word || (close(&t.bare, word) && !t.syllable)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut prev = row[0];
        row[0] = i;
        for j in 1..=b.len() {
            let cur = row[j];
            row[j] = (prev + usize::from(a[i - 1] != b[j - 1]))
                .min(row[j] + 1)
                .min(row[j - 1] + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

/// Mend one header line in place (characters with their original offsets).
/// The names of the document types (`type` lines of `data/vocabulary.tsv`), as printed
/// in capitals: `THÔNG BÁO`, `KẾ HOẠCH`.
pub(crate) fn type_names() -> Vec<&'static str> {
    VOCABULARY
        .lines()
        .filter_map(|l| l.strip_prefix("type\t"))
        .map(str::trim_end)
        .collect()
}

pub(crate) fn header_line(chars: &mut Vec<(char, usize)>) {
    if chars.len() > 200 {
        return;
    }
    let toks = tokens(chars);
    if toks.is_empty() {
        return;
    }
    // (first token, tokens, phrase): found left to right, none overlapping.
    let mut found: Vec<(usize, usize, &Phrase)> = Vec::new();
    let mut t = 0;
    while t < toks.len() {
        // Of the phrases that fit, the nearest (`BÌNH THUẬN` is read as itself, not as
        // `NINH THUẬN` one letter away), the longest among equals.
        let best = phrases()
            .iter()
            .filter(|p| matches(&toks, t, p))
            .min_by_key(|p| {
                (
                    distance(&toks[t..t + p.bare.len()], p),
                    std::cmp::Reverse(p.bare.len()),
                )
            });
        match best {
            Some(p) => {
                found.push((t, p.bare.len(), p));
                t += p.bare.len();
            }
            None => t += 1,
        }
    }
    // Columns are split only on a line that has none yet (a TAB or a wide gap), and not
    // inside a name ("CHÍNH PHỦ NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM").
    let one_cell = !chars.iter().any(|&(c, _)| c == '\t')
        && !chars.windows(3).any(|w| w.iter().all(|&(c, _)| c == ' '));
    let mut tabs: Vec<usize> = Vec::new();
    for &(t, _, p) in found.iter().filter(|_| one_cell) {
        if p.kind == Kind::Column && t > 0 && toks[t - 1].bare != "nuoc" {
            tabs.push(toks[t].start);
        }
    }
    if let Some(at) = place_and_date(chars, &toks).filter(|_| one_cell) {
        tabs.push(at);
        if toks.len() > 1 && at == toks[1].start && toks[0].end - toks[0].start == 1 {
            // The star as printed, whatever OCR read.
            chars[toks[0].start].0 = '*';
        }
    }
    for at in tabs {
        // One space between the columns becomes the column separator.
        if at > 0 && chars[at - 1].0 == ' ' && (at < 2 || chars[at - 2].0 != ' ') {
            chars[at - 1].0 = '\t';
        }
    }
    // Restore the words, right to left so that earlier indices stay.
    for &(t, n, p) in found.iter().rev() {
        let (start, mut end) = (toks[t].start, toks[t + n - 1].end);
        // The punctuation after the last word ("Cân Thơ,") is not the phrase's.
        while end > start
            && !chars[end - 1].0.is_alphanumeric()
            && !p.form.ends_with(&[chars[end - 1].0])
        {
            end -= 1;
        }
        let printed: String = chars[start..end].iter().map(|&(c, _)| c).collect();
        let form: String = p.form.iter().collect();
        if printed == form || printed.contains('\t') {
            continue;
        }
        let offsets: Vec<usize> = chars[start..end].iter().map(|&(_, o)| o).collect();
        let new: Vec<(char, usize)> = p
            .form
            .iter()
            .enumerate()
            .map(|(k, &c)| (c, offsets[k.min(offsets.len() - 1)]))
            .collect();
        chars.splice(start..end, new);
    }
}

/// Letters to change to read the words as the phrase.
fn distance(words: &[Token], p: &Phrase) -> usize {
    words
        .iter()
        .zip(&p.bare)
        .map(|(w, b)| edit_distance(&w.bare, b))
        .sum()
}

/// Whether the phrase `p` stands at token `t`: each word close to OCR's reading, in
/// capitals where the phrase is (so a sentence that names the country is left alone),
/// and a type name only as the whole line.
fn matches(toks: &[Token], t: usize, p: &Phrase) -> bool {
    let n = p.bare.len();
    if t + n > toks.len() || (p.kind == Kind::Type && (t != 0 || toks.len() != n)) {
        return false;
    }
    let caps = p.form.iter().any(|c| c.is_alphabetic()) && !p.form.iter().any(|c| c.is_lowercase());
    let words = &toks[t..t + n];
    let exact = words
        .iter()
        .zip(&p.bare)
        .filter(|(w, b)| w.bare == **b)
        .count();
    words.iter().zip(&p.bare).all(|(w, b)| close_token(w, b))
        && (!caps || words.iter().all(|w| w.upper))
        // A place in title case only where its words open with capitals ("tuyển quặng" is
        // no "Tuyên Quang").
        && (caps || p.kind != Kind::Province || words.iter().all(|w| w.initial))
        // A one-word phrase only when equal, and before a province (`TĨNH QUANG NGAI`):
        // alone, `SỐ` is no reading of `SỞ`, nor `tĩnh` of `tỉnh`.
        && (n > 1 || (exact == 1 && (p.kind == Kind::Province || province_at(toks, t + 1))))
        && exact * 2 >= n
}

fn province_at(toks: &[Token], t: usize) -> bool {
    phrases()
        .iter()
        .any(|p| p.kind == Kind::Province && matches(toks, t, p))
}

/// Where the right column's place and date start on a line that opens with `Số`:
/// `Số: 11 /TB-UBND Quảng Ngãi, ngày 08 …` → at `Quảng`.
fn place_and_date(chars: &[(char, usize)], toks: &[Token]) -> Option<usize> {
    // The Party's star under the issuer, beside the place and date: `* Đức Linh, ngày …`,
    // which OCR may read as another sign or letter (`+`, `"`, `-`, `s`).
    let star = toks[0].end - toks[0].start == 1 && !chars[toks[0].start].0.is_ascii_digit();
    if (!toks[0].bare.starts_with("so") && !star) || toks.len() < 4 {
        return None;
    }
    // `, ngày`: the word after a comma (OCR may damage it: `ngàW†`).
    let day = (1..toks.len())
        .find(|&i| chars[toks[i - 1].end - 1].0 == ',' && close(&toks[i].bare, "ngay"))?;
    let mut first = day - 1;
    // The place: up to five capitalised words (and dashes: "Phan Rang - Tháp Chàm")
    // before ", ngày".
    while first > 1 && day - first < 5 {
        let prev = &toks[first - 1];
        let c = chars[prev.start].0;
        let dash = prev.end - prev.start == 1 && c == '-';
        if !(c.is_uppercase() || dash) || prev.bare.chars().any(|c| c.is_ascii_digit()) {
            break;
        }
        first -= 1;
    }
    if star {
        return (first == 1).then_some(toks[1].start);
    }
    (first > 1 || chars[toks[first].start].0.is_uppercase()).then_some(toks[first].start)
}

/// Lines after `Nơi nhận` that are mended: the list and the signature beside it.
pub(crate) const CLOSING_LINES: usize = 30;

/// Whether a line opens the recipients' list (`Nơi nhận:`, also as OCR reads it:
/// `.Vơi nhận:`, `Noi nhan:`): two words one letter from `noi nhan`, then a colon.
pub(crate) fn opens_recipients(line: &str) -> bool {
    let t = line
        .trim_start()
        .trim_start_matches(|c: char| !c.is_alphabetic());
    let mut words = t.split_whitespace();
    let (Some(first), Some(second)) = (words.next(), words.next()) else {
        return false;
    };
    let colon = second.ends_with(':') || words.next().is_some_and(|w| w.starts_with(':'));
    let second = second.trim_end_matches(':');
    colon
        && first.chars().count() == 3
        && edit_distance(&bare(first), "noi") <= 1
        && edit_distance(&bare(second), "nhan") <= 1
}

/// The opening of the recipients' list written as the format has it (`Nơi nhận:`) where
/// OCR damaged it; the characters before its colon are replaced.
fn restore_recipients_label(chars: &mut Vec<(char, usize)>) {
    let text: String = chars.iter().map(|&(c, _)| c).collect();
    if !opens_recipients(&text) || text.trim_start().starts_with("Nơi nhận") {
        return;
    }
    let Some(colon) = chars.iter().position(|&(c, _)| c == ':') else {
        return;
    };
    let start = chars
        .iter()
        .position(|&(c, _)| !c.is_whitespace())
        .unwrap_or(0);
    let offsets: Vec<usize> = chars[start..colon].iter().map(|&(_, o)| o).collect();
    let new: Vec<(char, usize)> = "Nơi nhận"
        .chars()
        .enumerate()
        .map(|(k, c)| (c, offsets[k.min(offsets.len() - 1)]))
        .collect();
    chars.splice(start..colon, new);
}

/// Authority marks that open the signature block beside the recipients' list.
const AUTHORITIES: [&str; 7] = ["TM.", "KT.", "TL.", "T/M", "K/T", "T/L", "TUQ."];

/// Mend a line of the recipients' list that OCR printed beside the signature block:
/// a TAB before the signature's part (`- Thường trực Tỉnh ủy (b/c); KT. CHỦ TỊCH`, a
/// title in capitals after two spaces, `(Đã ký)`, the signer's name after the last
/// entry's full stop: `- Lưu: VT, TH. Lê Tuấn Phong`).
pub(crate) fn closing_line(chars: &mut Vec<(char, usize)>) {
    if chars.len() > 200 || chars.iter().any(|&(c, _)| c == '\t') {
        return;
    }
    restore_recipients_label(chars);
    let toks = tokens(chars);
    if toks.len() < 2 {
        return;
    }
    let word = |t: &Token| -> String { chars[t.start..t.end].iter().map(|&(c, _)| c).collect() };
    let mut at = None;
    // "Nơi nhận: CHỦ TỊCH": the title beside the label, in capitals.
    if toks.len() > 2
        && word(&toks[1]).ends_with(':')
        && opens_recipients(&format!("{} {}", word(&toks[0]), word(&toks[1])))
        && toks[2..].iter().all(|t| t.upper)
    {
        at = Some(toks[2].start);
    }
    for (k, t) in toks.iter().enumerate().skip(1).filter(|_| at.is_none()) {
        let w = word(t);
        let caps_after = toks[k..].iter().all(|t| t.upper);
        let two_spaces = t.start >= 2 && chars[t.start - 2].0 == ' ';
        if ((AUTHORITIES.contains(&w.as_str()) || two_spaces) && caps_after)
            || w.to_lowercase().starts_with("(đã")
        {
            at = Some(t.start);
            break;
        }
    }
    // A title in capitals after an entry, one space apart: "- Ban Thường vụ Tỉnh ủy
    // CHÁNH VĂN PHÒNG", "- Chủ tịch, các PCT UBND tỉnh; PHÓ CHỦ TỊCH". Two words or more,
    // each a syllable (an entry's abbreviations, `UBND`, `VT`, are none).
    // Also on an entry's wrapped line, after its punctuation: "(b/c), PHÓ BÍ THƯ".
    if at.is_none() {
        let entry = chars[toks[0].start].0 == '-';
        at = caps_title_tail(&toks, |t| word(t)).filter(|&at| {
            entry
                || chars[..at]
                    .iter()
                    .rev()
                    .nth(1)
                    .is_some_and(|&(c, _)| [';', ',', ')'].contains(&c))
        });
    }
    // A name of two to four capitalised words ending the line, after a full stop.
    if at.is_none() && chars[toks[0].start].0 == '-' && toks.len() >= 4 {
        let name = toks.len()
            - (2..=4)
                .rev()
                .find(|&n| {
                    toks.len() > n + 1
                        && toks[toks.len() - n..].iter().all(|t| {
                            let w = word(t);
                            w.chars().next().is_some_and(char::is_uppercase)
                                && w.chars().skip(1).all(char::is_lowercase)
                                && t.syllable
                        })
                        // After an entry's end: "- Lưu: VT, TH. Lê Tuấn Phong",
                        // "- Mặt trận … tỉnh; Đặng Văn Minh".
                        && word(&toks[toks.len() - n - 1]).ends_with(['.', ';'])
                })
                .unwrap_or(0);
        if name < toks.len() {
            at = Some(toks[name].start);
        }
    }
    if let Some(at) = at {
        // Two spaces or one before it: the one next to the signature's text.
        if chars[at - 1].0 == ' ' {
            chars[at - 1].0 = '\t';
        }
    }
}

/// Where a trailing run of two or more words in capitals, each a syllable of letters
/// only, starts after a word in lower case.
fn caps_title_tail(toks: &[Token], word: impl Fn(&Token) -> String) -> Option<usize> {
    let is_caps_syllable = |t: &Token| {
        let w = word(t);
        t.upper && t.syllable && w.chars().all(char::is_alphabetic)
    };
    let run = toks
        .iter()
        .rev()
        .take_while(|t| is_caps_syllable(t))
        .count();
    let first = toks.len() - run;
    let after_lower = first >= 1 && word(&toks[first - 1]).chars().any(char::is_lowercase);
    (run >= 2 && after_lower).then(|| toks[first].start)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mend(line: &str) -> String {
        let mut chars: Vec<(char, usize)> = line.char_indices().map(|(i, c)| (c, i)).collect();
        header_line(&mut chars);
        chars.iter().map(|&(c, _)| c).collect()
    }

    #[test]
    fn glued_columns_split_and_damaged_words_restored() {
        assert_eq!(
            mend("ỦY BAN NHÂN DẦN CỌNG HÒA XÃ HỘI CHÚ NGHĨA VIỆT NAM"),
            "ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
        );
        assert_eq!(
            mend("TĨNH QUANG NGAÀI Độc lập - Tự do - Hạnh phúc"),
            "TỈNH QUẢNG NGÃI\tĐộc lập - Tự do - Hạnh phúc"
        );
        assert_eq!(
            mend("Số: 2 # /CT-UBND Quảng Ngãi, ngày Z tháng 4 năm 2020"),
            "Số: 2 # /CT-UBND\tQuảng Ngãi, ngày Z tháng 4 năm 2020"
        );
        assert_eq!(mend("CHÍ THỊ"), "CHỈ THỊ");
        assert_eq!(
            mend("* Đức Linh, ngày 05 tháng 3 năm 2019"),
            "*\tĐức Linh, ngày 05 tháng 3 năm 2019"
        );
        for star in ["+", "s", "\"", "-"] {
            assert_eq!(
                mend(&format!("{star} Tam Kỳ, ngày 08 tháng 9 năm 2021")),
                "*\tTam Kỳ, ngày 08 tháng 9 năm 2021"
            );
        }
        assert_eq!(mend("TỈNH ỦY BÌNH THUẬN"), "TỈNH ỦY BÌNH THUẬN");
        assert_eq!(mend("BỘ CÔNG AN"), "BỘ CÔNG AN");
        assert_eq!(
            mend("Số: 356/SCT-QLTM Phan Rang - Tháp Chàm, ngày 04 tháng 02 năm"),
            "Số: 356/SCT-QLTM\tPhan Rang - Tháp Chàm, ngày 04 tháng 02 năm"
        );
        assert_eq!(mend("ĐẢNG BỘ TỈNH KHÁNH HÒA"), "ĐẢNG BỘ TỈNH KHÁNH HÒA");
        // The Quốc hiệu wrapped in a narrow column: "VIỆT NAM" is on the next line.
        assert_eq!(
            mend("ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA"),
            "ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA"
        );
        assert_eq!(
            mend("HUYỆN ỦY ĐỨC LINH ĐẢNG CỘNG SẢN VIỆT NAM"),
            "HUYỆN ỦY ĐỨC LINH\tĐẢNG CỘNG SẢN VIỆT NAM"
        );
    }

    #[test]
    fn signature_beside_the_recipients_split_off() {
        let mend = |line: &str| {
            let mut chars: Vec<(char, usize)> = line.char_indices().map(|(i, c)| (c, i)).collect();
            closing_line(&mut chars);
            chars.iter().map(|&(c, _)| c).collect::<String>()
        };
        assert_eq!(
            mend("Nơi nhận: TM. ỦY BAN NHÂN DÂN"),
            "Nơi nhận:\tTM. ỦY BAN NHÂN DÂN"
        );
        assert_eq!(
            mend("- Thường trực Tỉnh ủy (b/c); KT. CHỦ TỊCH"),
            "- Thường trực Tỉnh ủy (b/c);\tKT. CHỦ TỊCH"
        );
        assert_eq!(
            mend("- Chủ tịch, các PCTUBND  PHÓ CHỦ TỊCH"),
            "- Chủ tịch, các PCTUBND \tPHÓ CHỦ TỊCH"
        );
        assert_eq!(mend("- Sở Tài chính; (Đã ký)"), "- Sở Tài chính;\t(Đã ký)");
        assert_eq!(mend("Nơi nhận: CHỦ TỊCH"), "Nơi nhận:\tCHỦ TỊCH");
        assert_eq!(
            mend("- Mặt trận và các tổ chức chính trị-xã hội tỉnh; Đặng Văn Minh"),
            "- Mặt trận và các tổ chức chính trị-xã hội tỉnh;\tĐặng Văn Minh"
        );
        assert_eq!(
            mend("- Lưu: VT, TH. Lê Tuấn Phong"),
            "- Lưu: VT, TH.\tLê Tuấn Phong"
        );
        assert_eq!(
            mend("- Ban Thường vụ Tỉnh ủy CHÁNH VĂN PHÒNG"),
            "- Ban Thường vụ Tỉnh ủy\tCHÁNH VĂN PHÒNG"
        );
        assert_eq!(
            mend("- Chủ tịch, các PCT UBND tỉnh; PHÓ CHỦ TỊCH"),
            "- Chủ tịch, các PCT UBND tỉnh;\tPHÓ CHỦ TỊCH"
        );
        assert_eq!(mend("(b/C), PHÓ BÍ THƯ"), "(b/C),\tPHÓ BÍ THƯ");
        for line in [
            "- Sở Kế hoạch và Đầu tư;",
            "- UBND các huyện, thị xã, thành phố;",
            "- Lưu: VT.",
            "- Văn phòng UBND TỈNH",
            "- BAN THƯỜNG VỤ TỈNH ỦY",
            "PHÓ CHỦ TỊCH kiêm GIÁM ĐỐC SỞ",
        ] {
            assert_eq!(mend(line), line);
        }
    }

    #[test]
    fn clean_lines_and_sentences_stay() {
        for line in [
            "ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Số: 15/QĐ-UBND\tLào Cai, ngày 3 tháng 4 năm 2024",
            "Số: 15/QĐ-UBND      Lào Cai, ngày 3 tháng 4 năm 2024",
            "CHÍNH PHỦ NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "của nước Cộng hòa xã hội chủ nghĩa Việt Nam",
            "Chỉ thị này có hiệu lực",
            "SỐ LIỆU",
        ] {
            assert_eq!(mend(line), line);
        }
    }
}
