//! Normalization: decoded text → the canonical text the grammar reads, plus a map back to
//! the original bytes.
//!
//! What changes (and why):
//! - BOM dropped; CRLF and CR become LF (one line ending for the grammar).
//! - NBSP and other fixed spaces become a space; soft hyphen and zero-width characters are
//!   removed (invisible in print, but they break keyword literals).
//! - Unicode NFC (decomposed text from Mac keyboards or PDF extraction composes).
//! - Dash variants (– — ‐ ‑ ‒ −) become `-`; `Ð`/`ð` (Icelandic eth, seen for Đ) become `Đ`/`đ`.
//! - Tone placement in the open nuclei oa, oe, uy is made old style (`hoà`→`hòa`,
//!   `UỶ`→`ỦY`), the style of NĐ 30/2020 and of the reference notice, so that keywords and
//!   names compare equal whatever keyboard typed them. NFC alone does not unify them.
//!
//! Tabs are kept: they separate the columns of Word tables. The `|` rules of an antiword
//! box row (`|cell |cell |`), and a `|` standing between spaces, become tabs too, so the
//! grammar knows one column separator.
//!
//! Every byte of the normalized text maps back to a byte of the original through
//! [`OffsetMap`], so spans and diagnostics point at the original line and column.

use unicode_normalization::char::{canonical_combining_class, compose, decompose_canonical};
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};
use unicode_segmentation::UnicodeSegmentation;

/// Normalized text and the way back to the original.
#[derive(Debug, Clone)]
pub struct Normalized {
    pub text: String,
    pub map: OffsetMap,
}

/// Piecewise map from normalized byte offsets to original byte offsets.
///
/// Stored as checkpoints `(normalized, original)`: between two checkpoints both texts
/// advance byte for byte. Most text needs only a handful, so the map stays small.
#[derive(Debug, Clone, Default)]
pub struct OffsetMap {
    points: Vec<(usize, usize)>,
    orig_len: usize,
}

impl OffsetMap {
    fn push(&mut self, norm: usize, orig: usize) {
        if let Some(&(n, o)) = self.points.last() {
            // Still on the same diagonal: no new checkpoint needed.
            if norm as isize - orig as isize == n as isize - o as isize {
                return;
            }
        }
        self.points.push((norm, orig));
    }

    /// Original byte offset of a normalized byte offset.
    pub fn to_original(&self, norm: usize) -> usize {
        let i = self.points.partition_point(|&(n, _)| n <= norm);
        if i == 0 {
            return norm.min(self.orig_len);
        }
        let (n, o) = self.points[i - 1];
        (o + (norm - n)).min(self.orig_len)
    }
}

/// Line starts of the original text, for line and column numbers.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(original: &str) -> Self {
        let bytes = original.as_bytes();
        let mut starts = vec![0];
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => starts.push(i + 1),
                b'\r' => {
                    if bytes.get(i + 1) == Some(&b'\n') {
                        i += 1;
                    }
                    starts.push(i + 1);
                }
                _ => {}
            }
            i += 1;
        }
        LineIndex { starts }
    }

    /// Number of lines.
    pub fn len(&self) -> usize {
        self.starts.len()
    }

    pub fn is_empty(&self) -> bool {
        false
    }

    /// 1-based line of an original byte offset.
    pub fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset)
    }

    /// Byte range of a 1-based line, without its line ending.
    pub fn line_range(&self, original: &str, line: usize) -> std::ops::Range<usize> {
        let start = self.starts[line - 1];
        let mut end = self.starts.get(line).copied().unwrap_or(original.len());
        let b = original.as_bytes();
        while end > start && matches!(b[end - 1], b'\n' | b'\r') {
            end -= 1;
        }
        start..end
    }

    /// 1-based (line, column); the column counts grapheme clusters, so it lands on the
    /// same letter whether the marks are composed or not.
    pub fn line_col(&self, original: &str, offset: usize) -> (usize, usize) {
        let offset = original.floor_char_boundary(offset);
        let line = self.line(offset);
        let start = self.starts[line - 1];
        let col = original[start..offset].graphemes(true).count() + 1;
        (line, col)
    }
}

/// Normalize decoded text. Never fails.
pub fn normalize(original: &str) -> Normalized {
    let mut out = String::with_capacity(original.len());
    let mut map = OffsetMap {
        points: Vec::new(),
        orig_len: original.len(),
    };
    map.points.push((0, 0));
    // One line at a time: tone placement never crosses a line, and the buffer stays small.
    let mut line: Vec<(char, usize)> = Vec::new();
    let bytes = original.as_bytes();
    let mut pos = 0;
    let mut line_no = 0;
    let mut closing_left = 0;
    while pos < original.len() {
        let rest = &original[pos..];
        let body = &rest[..memchr::memchr2(b'\n', b'\r', rest.as_bytes()).unwrap_or(rest.len())];
        // The header's lines, and the recipients' list with the signature beside it,
        // are mended where OCR damaged them (crate::repair).
        if crate::repair::opens_recipients(body) {
            closing_left = crate::repair::CLOSING_LINES;
        }
        let zone = if line_no < crate::repair::HEADER_LINES {
            Zone::Header
        } else if closing_left > 0 {
            Zone::Closing
        } else {
            Zone::Other
        };
        line_no += 1;
        closing_left = closing_left.saturating_sub(1);
        if zone == Zone::Other && is_clean(body) {
            // Copied whole: the map stays on its diagonal.
            map.push(out.len(), pos);
            out.push_str(body);
        } else {
            for (i, c) in body.char_indices() {
                if !matches!(
                    c,
                    '\u{FEFF}' | '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}'
                ) {
                    line.push((map_char(c), pos + i));
                }
            }
            flush_line(&mut line, &mut out, &mut map, zone);
        }
        pos += body.len();
        if pos < original.len() {
            // CRLF, CR or LF: one LF.
            map.push(out.len(), pos);
            out.push('\n');
            pos += if bytes[pos] == b'\r' && bytes.get(pos + 1) == Some(&b'\n') {
                2
            } else {
                1
            };
        }
    }
    map.push(out.len(), original.len());
    Normalized { text: out, map }
}

/// Whether a line holds a word that lost a space (`chủtrì`, `vụĐảng`).
fn has_glued_word(line: &str) -> bool {
    line.split(|x: char| !x.is_alphabetic())
        .any(|w| may_be_glued(w) && crate::syllable::glued_split(w).is_some())
}

/// A cheap look before the syllable test: after a Vietnamese letter, the word goes on
/// with a capital, or with a vowel after a consonant (a second syllable).
fn may_be_glued(word: &str) -> bool {
    word.find(crate::syllable::vietnamese_letter)
        .is_some_and(|at| second_syllable(word[at..].chars().skip(1)))
}

/// Whether the letters after a Vietnamese letter, to the word's end, open another
/// syllable: a capital, or a vowel after a consonant.
fn second_syllable(rest: impl Iterator<Item = char>) -> bool {
    let mut consonant = false;
    for r in rest.take_while(|r| r.is_alphabetic()) {
        let vowel = is_vowel(r);
        if r.is_uppercase() || (consonant && vowel) {
            return true;
        }
        consonant |= !vowel;
    }
    false
}

fn is_vowel(c: char) -> bool {
    let base = c.to_lowercase().nfd().next().unwrap_or(c);
    matches!(base, 'a' | 'e' | 'i' | 'o' | 'u' | 'y')
}

/// Spaces put back where a PDF's text lost them after a syllable (`chủtrì` → `chủ trì`):
/// each inserted space maps to the original offset of the letter after it.
fn split_glued(chars: Vec<(char, usize)>) -> Vec<(char, usize)> {
    let mut out: Vec<(char, usize)> = Vec::with_capacity(chars.len() + 4);
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].0.is_alphabetic() {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let end = (i..chars.len())
            .find(|&j| !chars[j].0.is_alphabetic())
            .unwrap_or(chars.len());
        let mut start = i;
        let word: String = chars[i..end].iter().map(|&(c, _)| c).collect();
        let mut rest = word.as_str();
        while let Some(at) = Some(rest)
            .filter(|r| may_be_glued(r))
            .and_then(crate::syllable::glued_split)
        {
            let n = rest[..at].chars().count();
            out.extend_from_slice(&chars[start..start + n]);
            out.push((' ', chars[start + n].1));
            start += n;
            rest = &rest[at..];
        }
        out.extend_from_slice(&chars[start..end]);
        i = end;
    }
    out
}

/// a and e with a tone mark: after o they may carry a new-style tone (`hoà`, `khoẻ`).
const TONED_A_E: &str = "àáảãạèéẻẽẹÀÁẢÃẠÈÉẺẼẸ";
/// y with a tone mark: after u it may carry a new-style tone (`thuỷ`).
const TONED_Y: &str = "ỳýỷỹỵỲÝỶỸỴ";

/// A line that normalization would leave as it is: NFC already, no character to replace
/// or remove, no CR, and no new-style tone on `oa`, `oe`, `uy`.
fn is_clean(line: &str) -> bool {
    if is_box_row(line.chars()) || line.contains(" | ") {
        return false;
    }
    if line.is_ascii() {
        return !line.contains('\r');
    }
    let (mut prev2, mut prev) = (' ', ' ');
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' || map_char(c) != c {
            return false;
        }
        // Precomposed Latin letters (all of Vietnamese) are NFC starters: no table look-up.
        let latin = matches!(c, '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}');
        if !c.is_ascii() && !latin {
            if matches!(
                c,
                '\u{FEFF}' | '\u{00AD}' | '\u{200B}'..='\u{200D}' | '\u{2060}'
            ) {
                return false;
            }
            // Combining marks (decomposed text) and characters NFC would change.
            if canonical_combining_class(c) != 0
                || !matches!(is_nfc_quick(std::iter::once(c)), IsNormalized::Yes)
            {
                return false;
            }
        }
        if latin && new_style_tone(prev2, prev, c, chars.peek().copied()) {
            return false;
        }
        // A space lost after a syllable is put back (split_glued): the words are tried
        // only where a Vietnamese letter is followed by another syllable's letters.
        if latin
            && crate::syllable::vietnamese_letter(c)
            && second_syllable(chars.clone())
            && has_glued_word(line)
        {
            return false;
        }
        prev2 = prev;
        prev = c;
    }
    true
}

/// Whether `old_style_tones` would move the tone of `c`: `oà`, `oè`, `uỳ` ending a
/// syllable, not after `q` (`quý` keeps its tone). Most toned a/e/y after o/u stay
/// (`toàn`, `ngoài`, `quả`), so their lines are still copied whole.
fn new_style_tone(prev2: char, prev: char, c: char, next: Option<char>) -> bool {
    // The letters first: the look-up of `next` is the costly test, and rarely needed.
    let toned = match prev {
        'o' | 'O' => TONED_A_E.contains(c),
        'u' | 'U' => !matches!(prev2, 'q' | 'Q') && TONED_Y.contains(c),
        _ => false,
    };
    toned && !next.is_some_and(char::is_alphabetic)
}

/// A row of a table that antiword drew as an ASCII box: `|cell |cell |`.
fn is_box_row(mut chars: impl Iterator<Item = char>) -> bool {
    chars.find(|c| *c != ' ' && *c != '\t') == Some('|')
}

/// One-to-one character replacements.
fn map_char(c: char) -> char {
    match c {
        '\u{00A0}' | '\u{2007}' | '\u{202F}' | '\u{2000}'..='\u{200A}' | '\u{3000}' => ' ',
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' => '-',
        '\u{00D0}' => 'Đ',
        '\u{00F0}' => 'đ',
        _ => c,
    }
}

/// Where a line stands, for the mending of OCR damage.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Zone {
    Header,
    Closing,
    Other,
}

fn flush_line(line: &mut Vec<(char, usize)>, out: &mut String, map: &mut OffsetMap, zone: Zone) {
    if line.is_empty() {
        return;
    }
    if is_box_row(line.iter().map(|&(c, _)| c)) {
        for (c, _) in line.iter_mut() {
            if *c == '|' {
                *c = '\t';
            }
        }
    } else {
        // A bar between spaces separates two columns ("VĂN PHÒNG QUỐC HỘI  | CỘNG HÒA …").
        for k in 1..line.len().saturating_sub(1) {
            if line[k].0 == '|' && line[k - 1].0 == ' ' && line[k + 1].0 == ' ' {
                line[k].0 = '\t';
            }
        }
    }
    // NFC, cluster by cluster (a starter and the combining marks after it), so every
    // output character knows the original offset of its cluster.
    let mut composed: Vec<(char, usize)> = Vec::with_capacity(line.len());
    let mut i = 0;
    while i < line.len() {
        let mut j = i + 1;
        while j < line.len() && canonical_combining_class(line[j].0) != 0 {
            j += 1;
        }
        if j == i + 1 && line[i].0.is_ascii() {
            composed.push(line[i]);
        } else {
            let s: String = line[i..j].iter().map(|&(c, _)| c).collect();
            for c in s.nfc() {
                composed.push((c, line[i].1));
            }
        }
        i = j;
    }
    // Spaces first: a tone's place depends on where the syllable ends (`uỷUBND`).
    let mut composed = split_glued(composed);
    old_style_tones(&mut composed);
    match zone {
        Zone::Header => crate::repair::header_line(&mut composed),
        Zone::Closing => crate::repair::closing_line(&mut composed),
        Zone::Other => {}
    }
    for (c, off) in composed {
        map.push(out.len(), off);
        out.push(c);
    }
    line.clear();
}

const TONES: [char; 5] = ['\u{0300}', '\u{0301}', '\u{0303}', '\u{0309}', '\u{0323}'];

/// Split a precomposed vowel into (vowel without tone, tone mark).
fn split_tone(c: char) -> Option<(char, char)> {
    if c.is_ascii() {
        return None;
    }
    let mut parts: Vec<char> = Vec::with_capacity(3);
    decompose_canonical(c, |d| parts.push(d));
    let tone_at = parts.iter().position(|p| TONES.contains(p))?;
    let tone = parts.remove(tone_at);
    let mut base = parts[0];
    for &m in &parts[1..] {
        base = compose(base, m)?;
    }
    Some((base, tone))
}

fn is_letter(c: Option<&(char, usize)>) -> bool {
    c.is_some_and(|(c, _)| c.is_alphabetic())
}

/// `oà`/`oè`/`uỳ` at the end of a syllable → `òa`/`òe`/`ùy` (but `quý` keeps its tone on y).
fn old_style_tones(chars: &mut [(char, usize)]) {
    for k in 1..chars.len() {
        let first = chars[k - 1].0;
        let second = chars[k].0;
        if !matches!(first, 'o' | 'O' | 'u' | 'U') || is_letter(chars.get(k + 1)) {
            continue;
        }
        let Some((base2, tone)) = split_tone(second) else {
            continue;
        };
        let fl = first.to_ascii_lowercase();
        let bl = base2.to_lowercase().next().unwrap_or(base2);
        let nucleus = matches!((fl, bl), ('o', 'a') | ('o', 'e') | ('u', 'y'));
        if !nucleus {
            continue;
        }
        // "qu" and "gi": the u/i belongs to the consonant, the tone stays where it is.
        if fl == 'u' && k >= 2 && matches!(chars[k - 2].0, 'q' | 'Q') {
            continue;
        }
        let Some(new_first) = compose(first, tone) else {
            continue;
        };
        chars[k - 1].0 = new_first;
        chars[k].0 = base2;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tone_placement_is_unified_to_old_style() {
        assert_eq!(normalize("HUYỆN UỶ ĐỊNH HOÁ").text, "HUYỆN ỦY ĐỊNH HÓA");
        assert_eq!(normalize("CỘNG HOÀ").text, "CỘNG HÒA");
        assert_eq!(normalize("sức khoẻ").text, "sức khỏe");
        // A final consonant keeps the tone on the second vowel in both styles.
        assert_eq!(normalize("hoàn thành").text, "hoàn thành");
        // qu + y: the tone belongs on y.
        assert_eq!(normalize("quý III").text, "quý III");
        assert_eq!(normalize("Quỹ").text, "Quỹ");
    }

    #[test]
    fn decomposed_text_composes_and_maps_back() {
        // "Việt" typed as V i e U+0323 U+0302 t.
        let original = "Vie\u{0323}\u{0302}t Nam";
        let n = normalize(original);
        assert_eq!(n.text, "Việt Nam");
        let nam = n.text.find("Nam").unwrap();
        assert_eq!(&original[n.map.to_original(nam)..], "Nam");
    }

    #[test]
    fn line_endings_spaces_and_dashes() {
        let original = "\u{FEFF}a\r\nb\rc\u{00A0}d\u{2013}e\u{00AD}f \u{00D0}";
        let n = normalize(original);
        assert_eq!(n.text, "a\nb\nc d-ef Đ");
        let f = n.text.find('f').unwrap();
        assert_eq!(
            &original[n.map.to_original(f)..n.map.to_original(f) + 1],
            "f"
        );
    }

    #[test]
    fn box_rules_and_spaced_bars_become_tabs() {
        let n = normalize("|Nơi nhận: |KT. GIÁM ĐỐC |\nSỞ X  | CỘNG HÒA\na|b");
        assert_eq!(
            n.text,
            "\tNơi nhận: \tKT. GIÁM ĐỐC \t\nSỞ X  \t CỘNG HÒA\na|b"
        );
        assert_eq!(
            n.text.len(),
            "|Nơi nhận: |KT. GIÁM ĐỐC |\nSỞ X  | CỘNG HÒA\na|b".len()
        );
    }

    #[test]
    fn columns_count_graphemes() {
        let composed = "Số ủy";
        let decomposed = "So\u{0301} u\u{0309}y";
        for s in [composed, decomposed] {
            let idx = LineIndex::new(s);
            let y = s.rfind('y').unwrap();
            assert_eq!(idx.line_col(s, y), (1, 5), "{s:?}");
        }
    }

    #[test]
    fn line_numbers_follow_every_line_ending() {
        let s = "a\r\nb\rc\nd";
        let idx = LineIndex::new(s);
        assert_eq!(idx.line_col(s, s.find('d').unwrap()), (4, 1));
        assert_eq!(&s[idx.line_range(s, 2)], "b");
    }
}
