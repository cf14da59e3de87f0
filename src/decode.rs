//! Decoding: the bytes of a file → text. UTF-8 (with or without BOM), UTF-16 (LE or BE,
//! with a BOM or recognised by its NUL bytes), and the legacy Vietnamese encodings
//! Windows-1258, TCVN3 (ABC) and VNI-Windows, told apart by how many of the decoded
//! words are Vietnamese syllables; a web page's declared charset (Windows-1252 too) is
//! tried first. Invalid UTF-8 in an otherwise UTF-8 file is replaced
//! and reported; binary input is refused with a reason.

use crate::syllable;
use unicode_normalization::UnicodeNormalization;

/// A text encoding `vanban` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Encoding {
    Utf8,
    Utf16Le,
    Utf16Be,
    Windows1258,
    /// Western pages (Word's "save as web page") that write Vietnamese letters as
    /// character references and only Latin-1 letters as bytes.
    Windows1252,
    Tcvn3,
    Vni,
}

impl Encoding {
    pub const ALL: [Encoding; 7] = [
        Encoding::Utf8,
        Encoding::Utf16Le,
        Encoding::Utf16Be,
        Encoding::Windows1258,
        Encoding::Windows1252,
        Encoding::Tcvn3,
        Encoding::Vni,
    ];

    /// The name `--encoding` takes and diagnostics print.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf16Le => "utf-16le",
            Encoding::Utf16Be => "utf-16be",
            Encoding::Windows1258 => "windows-1258",
            Encoding::Windows1252 => "windows-1252",
            Encoding::Tcvn3 => "tcvn3",
            Encoding::Vni => "vni",
        }
    }

    /// The 8-bit encodings.
    pub const EIGHT_BIT: [Encoding; 4] = [
        Encoding::Windows1252,
        Encoding::Windows1258,
        Encoding::Tcvn3,
        Encoding::Vni,
    ];

    /// The 8-bit legacy encodings, tried when a file is not UTF-8.
    pub const LEGACY: [Encoding; 3] = [Encoding::Tcvn3, Encoding::Vni, Encoding::Windows1258];
}

impl std::fmt::Display for Encoding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for Encoding {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let key: String = s
            .to_ascii_lowercase()
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .collect();
        Ok(match key.as_str() {
            "utf8" => Encoding::Utf8,
            "utf16le" | "utf16" => Encoding::Utf16Le,
            "utf16be" => Encoding::Utf16Be,
            "windows1258" | "cp1258" => Encoding::Windows1258,
            "windows1252" | "cp1252" | "iso88591" | "latin1" => Encoding::Windows1252,
            "tcvn3" | "abc" | "tcvn" | "tcvn5712" => Encoding::Tcvn3,
            "vni" | "vniwindows" => Encoding::Vni,
            _ => {
                return Err(format!(
                    "unknown encoding '{s}': use one of {}",
                    Encoding::ALL.map(|e| e.name()).join(", ")
                ));
            }
        })
    }
}

/// Decoded text and what was noticed on the way.
#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    pub encoding: Encoding,
    /// Set when a legacy encoding was chosen by scoring: (valid syllables, other words)
    /// of the chosen decoding, for the diagnostic that says so.
    pub detected: Option<(usize, usize)>,
    /// Byte offset (in the decoded text) of the first replaced sequence, if any.
    pub replaced_at: Option<usize>,
    pub replaced: usize,
}

/// Why a file is not text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    Empty,
    Binary { nul_bytes: usize },
    NotUtf8 { invalid: usize },
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecodeError::Empty => write!(f, "the file is empty"),
            DecodeError::Binary { nul_bytes } => write!(
                f,
                "this is not a text file ({nul_bytes} NUL bytes); give vanban the text of the \
                 document (UTF-8 or UTF-16) or a .docx file"
            ),
            DecodeError::NotUtf8 { invalid } => write!(
                f,
                "the text is not UTF-8 ({invalid} invalid byte sequences) and reads as no \
                 Vietnamese legacy encoding (TCVN3, VNI, Windows-1258); if you know its \
                 encoding, name it with --encoding"
            ),
        }
    }
}

/// Decode, detecting the encoding.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    decode_as(bytes, None)
}

/// Decode as `encoding`, or detect it when `None`.
pub fn decode_as(bytes: &[u8], encoding: Option<Encoding>) -> Result<Decoded, DecodeError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(DecodeError::Empty);
    }
    let plain = |text: String, encoding| Decoded {
        text,
        encoding,
        detected: None,
        replaced_at: None,
        replaced: 0,
    };
    match encoding {
        Some(Encoding::Utf8) => return Ok(utf8_lossy(bytes)),
        Some(e @ (Encoding::Utf16Le | Encoding::Utf16Be)) => {
            let bytes = bytes
                .strip_prefix(if e == Encoding::Utf16Le {
                    &[0xFF, 0xFE]
                } else {
                    &[0xFE, 0xFF]
                })
                .unwrap_or(bytes);
            return Ok(utf16(bytes, e));
        }
        Some(e) => return Ok(plain(legacy(bytes, e), e)),
        None => {}
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return Ok(utf16(rest, Encoding::Utf16Le));
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return Ok(utf16(rest, Encoding::Utf16Be));
    }
    if let Some(e) = utf16_without_bom(bytes) {
        return Ok(utf16(bytes, e));
    }
    // Images, archives and executables are full of NUL bytes; a few stray ones in a long
    // text (seen in gazette extractions) are not worth refusing it.
    let nul_bytes = bytes.iter().filter(|&&b| b == 0).count();
    if nul_bytes * 100 > bytes.len() {
        return Err(DecodeError::Binary { nul_bytes });
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok(plain(s.to_string(), Encoding::Utf8));
    }
    // A page that declares an 8-bit charset is read in it, unless the words read better
    // in a Vietnamese legacy encoding (pages set in VNI or TCVN3 fonts declare Latin-1).
    let declared = declared_charset(bytes).filter(|e| Encoding::EIGHT_BIT.contains(e));
    let lossy = utf8_lossy(bytes);
    // A few bad bytes (a truncated file, a stray byte) are reported and replaced; a text
    // where they are common is in another encoding.
    if declared.is_none() && lossy.replaced * 50 <= lossy.text.chars().count() {
        return Ok(lossy);
    }
    // Each candidate is scored on the first 4 KiB, some hundreds of words (8-bit
    // encodings: any cut is a character boundary); the one chosen decodes the whole file.
    let whole = bytes.len() <= 4 << 10;
    let sample = &bytes[..bytes.len().min(4 << 10)];
    let mut best: Option<(i64, Encoding, (usize, usize), String)> = None;
    for e in declared.into_iter().chain(Encoding::LEGACY) {
        let text = legacy(sample, e);
        let (valid, invalid) = syllable::score(&text);
        let score = valid as i64 - invalid as i64;
        if best.as_ref().is_none_or(|b| score > b.0) {
            best = Some((score, e, (valid, invalid), text));
        }
    }
    match best {
        Some((_, e, _, text)) if Some(e) == declared => {
            Ok(plain(if whole { text } else { legacy(bytes, e) }, e))
        }
        // Most words with a letter outside ASCII must read as syllables.
        Some((_, e, (v, i), text)) if v > 0 && v >= 3 * i => {
            let mut d = plain(if whole { text } else { legacy(bytes, e) }, e);
            d.detected = Some((v, i));
            Ok(d)
        }
        _ => Err(DecodeError::NotUtf8 {
            invalid: lossy.replaced,
        }),
    }
}

/// The encoding a web page declares for itself in its first 4 KiB (`<meta charset="…">`,
/// `content="text/html; charset=…"`, `<?xml … encoding="…"?>`), when it is one we read.
fn declared_charset(bytes: &[u8]) -> Option<Encoding> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4 << 10)]).to_ascii_lowercase();
    ["charset=", "encoding="].iter().find_map(|key| {
        let at = head.find(key)? + key.len();
        let name: String = head[at..]
            .trim_start_matches(['"', '\''])
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
            .collect();
        name.parse().ok()
    })
}

fn utf8_lossy(bytes: &[u8]) -> Decoded {
    let text = String::from_utf8_lossy(bytes).into_owned();
    let replaced = text.matches('\u{FFFD}').count();
    Decoded {
        replaced_at: text.find('\u{FFFD}'),
        text,
        encoding: Encoding::Utf8,
        detected: None,
        replaced,
    }
}

/// UTF-16 without a BOM: text of Vietnamese is mostly ASCII, so most code units have a
/// zero high byte, and the other byte of the pair almost never is zero.
fn utf16_without_bom(bytes: &[u8]) -> Option<Encoding> {
    if bytes.len() < 4 {
        return None;
    }
    let pairs = bytes.len() / 2;
    let even = bytes.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd = bytes.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    let mostly = |n: usize| n * 10 >= pairs * 4;
    let rarely = |n: usize| n * 20 <= pairs;
    if mostly(odd) && rarely(even) {
        Some(Encoding::Utf16Le)
    } else if mostly(even) && rarely(odd) {
        Some(Encoding::Utf16Be)
    } else {
        None
    }
}

fn utf16(bytes: &[u8], e: Encoding) -> Decoded {
    let word = if e == Encoding::Utf16Be {
        u16::from_be_bytes
    } else {
        u16::from_le_bytes
    };
    let units = bytes.chunks_exact(2).map(|c| word([c[0], c[1]]));
    let text: String = char::decode_utf16(units)
        .map(|r| r.unwrap_or('\u{FFFD}'))
        .collect();
    let replaced = text.matches('\u{FFFD}').count() + bytes.len() % 2;
    Decoded {
        replaced_at: text.find('\u{FFFD}'),
        text,
        encoding: e,
        detected: None,
        replaced,
    }
}

/// The 128 characters of a table of bytes 0x80–0xFF.
fn table(s: &'static str) -> [char; 128] {
    let mut t = ['\u{FFFD}'; 128];
    for (slot, c) in t.iter_mut().zip(s.chars()) {
        *slot = c;
    }
    t
}

static TABLES: std::sync::LazyLock<[[char; 128]; 3]> =
    std::sync::LazyLock::new(|| [table(CP1252_HIGH), table(CP1258_HIGH), table(TCVN3_HIGH)]);

fn byte_table(e: Encoding) -> &'static [char; 128] {
    match e {
        Encoding::Windows1258 => &TABLES[1],
        Encoding::Tcvn3 => &TABLES[2],
        _ => &TABLES[0],
    }
}

/// Decode an 8-bit legacy encoding; the result is NFC.
fn legacy(bytes: &[u8], e: Encoding) -> String {
    let t = byte_table(e);
    let chars = bytes.iter().map(|&b| {
        if b < 0x80 {
            b as char
        } else {
            t[(b - 0x80) as usize]
        }
    });
    match e {
        Encoding::Vni => vni_compose(chars).into_iter().nfc().collect(),
        Encoding::Tcvn3 => tcvn3_capitals(&chars.collect::<String>()),
        _ => chars.nfc().collect(),
    }
}

/// TCVN3 has no capital toned vowels: typists set capitals in an "H" font that draws the
/// small letters' bytes as capitals, and plain text loses the font. So, line by line: a
/// word whose ASCII letters are capitals (at least two, or one inside it: "TØNH" →
/// "TỈNH", "ñY" → "ỦY") is a capital word; a word with one capital, at its start, and
/// small toned letters ("Së" = "Sở" or "SỞ") is one too when its line (or column) has
/// capital words with Vietnamese letters and no small word ("SỞ CÔNG THƯƠNG").
fn tcvn3_capitals(text: &str) -> String {
    #[derive(PartialEq)]
    enum Case {
        Capital,
        Small,
        Either,
        Other,
    }
    let case = |w: &str| {
        let capitals = w.chars().filter(|c| c.is_ascii_uppercase()).count();
        let inner = w.chars().skip(1).any(|c| c.is_ascii_uppercase());
        let small_ascii = w.chars().any(|c| c.is_ascii_lowercase());
        let small_other = w.chars().any(|c| !c.is_ascii() && c.is_lowercase());
        if small_ascii {
            Case::Small
        } else if capitals >= 2 || inner {
            Case::Capital
        } else if capitals == 1 && small_other {
            Case::Either
        } else {
            Case::Other
        }
    };
    let mut out = String::with_capacity(text.len());
    // A line's columns (TAB-separated) are judged apart: "SỞ CÔNG THƯƠNG<TAB>Độc lập …".
    for line in text.split_inclusive(['\n', '\t']) {
        let words: Vec<&str> = line
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| !w.is_empty())
            .collect();
        let capital_line = words
            .iter()
            .any(|w| !w.is_ascii() && case(w) == Case::Capital)
            && !words.iter().any(|w| case(w) == Case::Small);
        let mut word = String::new();
        let flush = |word: &mut String, out: &mut String| {
            let c = case(word);
            if c == Case::Capital || (capital_line && c == Case::Either) {
                out.extend(word.chars().flat_map(char::to_uppercase));
            } else {
                out.push_str(word);
            }
            word.clear();
        };
        for c in line.chars() {
            if c.is_alphabetic() {
                word.push(c);
            } else {
                flush(&mut word, &mut out);
                out.push(c);
            }
        }
        flush(&mut word, &mut out);
    }
    out
}

/// VNI-Windows writes a letter as its base and mark bytes ("Vieät" = "Việt"): the
/// Windows-1252 characters of the mark bytes become combining marks after a vowel that
/// takes them; a few letters have bytes of their own.
fn vni_compose(chars: impl Iterator<Item = char>) -> Vec<char> {
    let mut out: Vec<char> = Vec::new();
    for c in chars {
        let prev = out.last().copied().unwrap_or(' ');
        let base = prev.to_lowercase().next().unwrap_or(prev);
        // The combining marks a mark byte stands for after this vowel.
        let marks: Option<(char, Option<char>)> = match c.to_lowercase().next().unwrap_or(c) {
            m if "aăâeêoôơuưy".contains(base) && VNI_TONES.contains(m) => {
                Some((tone_of(VNI_TONES, m), None))
            }
            'â' if "aeo".contains(base) => Some(('\u{302}', None)),
            'ê' if base == 'a' => Some(('\u{306}', None)),
            m if "aeo".contains(base) && VNI_HAT_TONES.contains(m) => {
                Some(('\u{302}', Some(tone_of(VNI_HAT_TONES, m))))
            }
            m if base == 'a' && VNI_BREVE_TONES.contains(m) => {
                Some(('\u{306}', Some(tone_of(VNI_BREVE_TONES, m))))
            }
            _ => None,
        };
        match marks {
            Some((m, tone)) => {
                out.push(m);
                out.extend(tone);
            }
            None => out.push(vni_letter(c)),
        }
    }
    out
}

/// VNI tone bytes (as Windows-1252, small forms): sắc, huyền, hỏi, ngã, nặng.
const VNI_TONES: &str = "ùøûõï";
/// Circumflex with a tone, and breve with a tone, in the same order.
const VNI_HAT_TONES: &str = "áàåãä";
const VNI_BREVE_TONES: &str = "éèúüë";
const TONE_MARKS: [char; 5] = ['\u{301}', '\u{300}', '\u{309}', '\u{303}', '\u{323}'];

fn tone_of(set: &str, m: char) -> char {
    let k = set.chars().position(|c| c == m).unwrap_or(0);
    TONE_MARKS[k]
}

/// VNI's letters of one byte, small forms: (the Windows-1252 character of the byte, the
/// letter). Capitals are the capitals of both.
const VNI_LETTERS: [(char, char); 7] = [
    ('ñ', 'đ'),
    ('ô', 'ơ'),
    ('ö', 'ư'),
    ('æ', 'ỉ'),
    ('ó', 'ĩ'),
    ('ò', 'ị'),
    ('î', 'ỵ'),
];

/// The same letter in `c`'s case.
fn case_of(c: char, letter: char) -> char {
    if c.is_uppercase() {
        letter.to_uppercase().next().unwrap_or(letter)
    } else {
        letter
    }
}

/// A VNI byte read as a letter of its own, or as itself.
fn vni_letter(c: char) -> char {
    let small = c.to_lowercase().next().unwrap_or(c);
    VNI_LETTERS
        .iter()
        .find(|(byte, _)| *byte == small)
        .map_or(c, |&(_, letter)| case_of(c, letter))
}

/// Encode NFC text in `e` (the project's own tables; used to test decoding on text of
/// known content). Characters the encoding lacks become '?'. TCVN3 writes capital toned
/// vowels with the small letter's byte, as typists did.
pub fn encode(text: &str, e: Encoding) -> Vec<u8> {
    match e {
        Encoding::Utf8 => text.as_bytes().to_vec(),
        Encoding::Utf16Le => text.encode_utf16().flat_map(u16::to_le_bytes).collect(),
        Encoding::Utf16Be => text.encode_utf16().flat_map(u16::to_be_bytes).collect(),
        // Latin-1 letters as bytes; the others as character references would be, by a
        // page: here as `?`, since plain text has no references.
        Encoding::Windows1252 => {
            let t = byte_table(e);
            text.nfc()
                .map(|c| table_byte(t, c).unwrap_or(b'?'))
                .collect()
        }
        Encoding::Windows1258 | Encoding::Tcvn3 | Encoding::Vni => {
            let mut out = Vec::with_capacity(text.len());
            for c in text.nfc() {
                encode_char(c, e, &mut out);
            }
            out
        }
    }
}

fn table_byte(t: &[char; 128], c: char) -> Option<u8> {
    if c.is_ascii() {
        return Some(c as u8);
    }
    t.iter().position(|&x| x == c).map(|k| 0x80 + k as u8)
}

fn encode_char(c: char, e: Encoding, out: &mut Vec<u8>) {
    let t = byte_table(e);
    // The letter without its tone, and the tone.
    let nfd: Vec<char> = std::iter::once(c).nfd().collect();
    let tone = nfd.iter().position(|m| TONE_MARKS.contains(m));
    let untoned: String = nfd
        .iter()
        .enumerate()
        .filter(|(k, _)| Some(*k) != tone)
        .map(|(_, c)| *c)
        .collect::<String>()
        .nfc()
        .collect();
    let tone = tone.map(|k| nfd[k]);
    match e {
        Encoding::Tcvn3 => {
            // Capitals other than Ă Â Ê Ô Ơ Ư Đ (0xA1–0xA7) take the small letter's byte.
            let small = c.to_lowercase().next().unwrap_or(c);
            let own = table_byte(t, c).filter(|&b| b < 0x80 || (0xA1..=0xA7).contains(&b));
            let b = own
                .or_else(|| (small != c).then(|| table_byte(t, small)).flatten())
                .or_else(|| table_byte(t, c));
            out.push(b.unwrap_or(b'?'));
        }
        Encoding::Windows1258 => match table_byte(t, c) {
            Some(b) => out.push(b),
            None => {
                for u in untoned.chars() {
                    out.push(table_byte(t, u).unwrap_or(b'?'));
                }
                if let Some(m) = tone {
                    out.push(table_byte(t, m).unwrap_or(b'?'));
                }
            }
        },
        _ => {
            // VNI: base letter, then one mark byte.
            let cased = |s: char| table_byte(t, case_of(c, s)).unwrap_or(b'?');
            let k = tone.map(|m| TONE_MARKS.iter().position(|&x| x == m).unwrap_or(0));
            let pick = |set: &str, k: usize| set.chars().nth(k).unwrap_or('?');
            let small = c.to_lowercase().next().unwrap_or(c);
            // Letters of one byte; í and ì are Windows-1252's own.
            let own = VNI_LETTERS
                .iter()
                .find(|(_, l)| *l == small)
                .map(|&(b, _)| b);
            if let Some(b) = own.or(matches!(small, 'í' | 'ì').then_some(small)) {
                out.push(cased(b));
                return;
            }
            let small_untoned = untoned.to_lowercase();
            let (base, mark): (char, Option<char>) = match (small_untoned.as_str(), k) {
                (hat @ ("â" | "ê" | "ô"), k) => {
                    (strip(hat), Some(k.map_or('â', |k| pick(VNI_HAT_TONES, k))))
                }
                ("ă", None) => ('a', Some('ê')),
                ("ă", Some(k)) => ('a', Some(pick(VNI_BREVE_TONES, k))),
                ("ơ", Some(k)) => ('ô', Some(pick(VNI_TONES, k))),
                ("ư", Some(k)) => ('ö', Some(pick(VNI_TONES, k))),
                (s, Some(k)) if s.chars().count() == 1 => {
                    (s.chars().next().unwrap_or('?'), Some(pick(VNI_TONES, k)))
                }
                _ => {
                    out.push(table_byte(t, c).unwrap_or(b'?'));
                    return;
                }
            };
            out.push(cased(base));
            if let Some(m) = mark {
                out.push(cased(m));
            }
        }
    }
}

/// The base of â, ê, ô.
fn strip(hat: &str) -> char {
    match hat {
        "â" => 'a',
        "ê" => 'e',
        _ => 'o',
    }
}

/// Windows-1252, bytes 0x80–0xFF (U+FFFD where undefined).
const CP1252_HIGH: &str = concat!(
    "\u{20ac}\u{fffd}\u{201a}\u{192}\u{201e}\u{2026}\u{2020}\u{2021}\u{2c6}\u{2030}\u{160}\u{2039}\u{152}\u{fffd}\u{17d}\u{fffd}",
    "\u{fffd}\u{2018}\u{2019}\u{201c}\u{201d}\u{2022}\u{2013}\u{2014}\u{2dc}\u{2122}\u{161}\u{203a}\u{153}\u{fffd}\u{17e}\u{178}",
    "\u{a0}\u{a1}\u{a2}\u{a3}\u{a4}\u{a5}\u{a6}\u{a7}\u{a8}\u{a9}\u{aa}\u{ab}\u{ac}\u{ad}\u{ae}\u{af}",
    "\u{b0}\u{b1}\u{b2}\u{b3}\u{b4}\u{b5}\u{b6}\u{b7}\u{b8}\u{b9}\u{ba}\u{bb}\u{bc}\u{bd}\u{be}\u{bf}",
    "\u{c0}\u{c1}\u{c2}\u{c3}\u{c4}\u{c5}\u{c6}\u{c7}\u{c8}\u{c9}\u{ca}\u{cb}\u{cc}\u{cd}\u{ce}\u{cf}",
    "\u{d0}\u{d1}\u{d2}\u{d3}\u{d4}\u{d5}\u{d6}\u{d7}\u{d8}\u{d9}\u{da}\u{db}\u{dc}\u{dd}\u{de}\u{df}",
    "\u{e0}\u{e1}\u{e2}\u{e3}\u{e4}\u{e5}\u{e6}\u{e7}\u{e8}\u{e9}\u{ea}\u{eb}\u{ec}\u{ed}\u{ee}\u{ef}",
    "\u{f0}\u{f1}\u{f2}\u{f3}\u{f4}\u{f5}\u{f6}\u{f7}\u{f8}\u{f9}\u{fa}\u{fb}\u{fc}\u{fd}\u{fe}\u{ff}",
);
/// Windows-1258, bytes 0x80–0xFF: tones are combining marks (U+0300, U+0301, U+0303, U+0309, U+0323).
const CP1258_HIGH: &str = concat!(
    "\u{20ac}\u{fffd}\u{201a}\u{192}\u{201e}\u{2026}\u{2020}\u{2021}\u{2c6}\u{2030}\u{fffd}\u{2039}\u{152}\u{fffd}\u{fffd}\u{fffd}",
    "\u{fffd}\u{2018}\u{2019}\u{201c}\u{201d}\u{2022}\u{2013}\u{2014}\u{2dc}\u{2122}\u{fffd}\u{203a}\u{153}\u{fffd}\u{fffd}\u{178}",
    "\u{a0}\u{a1}\u{a2}\u{a3}\u{a4}\u{a5}\u{a6}\u{a7}\u{a8}\u{a9}\u{aa}\u{ab}\u{ac}\u{ad}\u{ae}\u{af}",
    "\u{b0}\u{b1}\u{b2}\u{b3}\u{b4}\u{b5}\u{b6}\u{b7}\u{b8}\u{b9}\u{ba}\u{bb}\u{bc}\u{bd}\u{be}\u{bf}",
    "\u{c0}\u{c1}\u{c2}\u{102}\u{c4}\u{c5}\u{c6}\u{c7}\u{c8}\u{c9}\u{ca}\u{cb}\u{300}\u{cd}\u{ce}\u{cf}",
    "\u{110}\u{d1}\u{309}\u{d3}\u{d4}\u{1a0}\u{d6}\u{d7}\u{d8}\u{d9}\u{da}\u{db}\u{dc}\u{1af}\u{303}\u{df}",
    "\u{e0}\u{e1}\u{e2}\u{103}\u{e4}\u{e5}\u{e6}\u{e7}\u{e8}\u{e9}\u{ea}\u{eb}\u{301}\u{ed}\u{ee}\u{ef}",
    "\u{111}\u{f1}\u{323}\u{f3}\u{f4}\u{1a1}\u{f6}\u{f7}\u{f8}\u{f9}\u{fa}\u{fb}\u{fc}\u{1b0}\u{20ab}\u{ff}",
);
/// TCVN3 (ABC, the VN3 subset of TCVN 5712:1993), bytes 0x80–0xFF: the 74 letters as glibc's
/// TCVN5712-1 reads them, Windows-1252 elsewhere (Word wrote its quotes and dashes
/// there).
const TCVN3_HIGH: &str = concat!(
    "\u{20ac}\u{fffd}\u{201a}\u{192}\u{201e}\u{2026}\u{2020}\u{2021}\u{2c6}\u{2030}\u{160}\u{2039}\u{152}\u{fffd}\u{17d}\u{fffd}",
    "\u{fffd}\u{2018}\u{2019}\u{201c}\u{201d}\u{2022}\u{2013}\u{2014}\u{2dc}\u{2122}\u{161}\u{203a}\u{153}\u{fffd}\u{17e}\u{178}",
    "\u{a0}\u{102}\u{c2}\u{ca}\u{d4}\u{1a0}\u{1af}\u{110}\u{103}\u{e2}\u{ea}\u{f4}\u{1a1}\u{1b0}\u{111}\u{af}",
    "\u{b0}\u{b1}\u{b2}\u{b3}\u{b4}\u{e0}\u{1ea3}\u{e3}\u{e1}\u{1ea1}\u{ba}\u{1eb1}\u{1eb3}\u{1eb5}\u{1eaf}\u{bf}",
    "\u{c0}\u{c1}\u{c2}\u{c3}\u{c4}\u{c5}\u{1eb7}\u{1ea7}\u{1ea9}\u{1eab}\u{1ea5}\u{1ead}\u{e8}\u{cd}\u{1ebb}\u{1ebd}",
    "\u{e9}\u{1eb9}\u{1ec1}\u{1ec3}\u{1ec5}\u{1ebf}\u{1ec7}\u{ec}\u{1ec9}\u{d9}\u{da}\u{db}\u{129}\u{ed}\u{1ecb}\u{f2}",
    "\u{e0}\u{1ecf}\u{f5}\u{f3}\u{1ecd}\u{1ed3}\u{1ed5}\u{1ed7}\u{1ed1}\u{1ed9}\u{1edd}\u{1edf}\u{1ee1}\u{1edb}\u{1ee3}\u{f9}",
    "\u{f0}\u{1ee7}\u{169}\u{fa}\u{1ee5}\u{1eeb}\u{1eed}\u{1eef}\u{1ee9}\u{1ef1}\u{1ef3}\u{1ef7}\u{1ef9}\u{fd}\u{1ef5}\u{ff}",
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_bom_and_utf16() {
        assert_eq!(decode("\u{FEFF}Số".as_bytes()).unwrap().text, "\u{FEFF}Số");
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Số 1".encode_utf16().flat_map(|u| u.to_le_bytes()))
            .collect();
        assert_eq!(decode(&le).unwrap().text, "Số 1");
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("Số 1".encode_utf16().flat_map(|u| u.to_be_bytes()))
            .collect();
        assert_eq!(decode(&be).unwrap().text, "Số 1");
        // Without a BOM, told by the NUL bytes of its ASCII characters.
        let seed = "TỈNH ỦY BÌNH THUẬN\tĐẢNG CỘNG SẢN VIỆT NAM\n*\nSố 525-TB/TU\n";
        for e in [Encoding::Utf16Le, Encoding::Utf16Be] {
            let d = decode(&encode(seed, e)).unwrap();
            assert_eq!((d.text.as_str(), d.encoding), (seed, e));
        }
    }

    /// Latin-1 characters as the bytes of the same value (how legacy text shows when read
    /// as Windows-1252).
    fn latin1(s: &str) -> Vec<u8> {
        s.chars().map(|c| c as u32 as u8).collect()
    }

    /// Readings given by the format notes (docs/format-spec.md §4.4 and §8), not by this
    /// code.
    #[test]
    fn legacy_text_reads_as_documented() {
        let tcvn3 = |s: &str| legacy(&latin1(s), Encoding::Tcvn3);
        assert_eq!(tcvn3("Sè 11-HD/VPTW"), "Số 11-HD/VPTW");
        assert_eq!(tcvn3("Uû ban nh©n d©n"), "Uỷ ban nhân dân");
        assert_eq!(tcvn3("T«i ®i häc"), "Tôi đi học");
        assert_eq!(tcvn3("Trung \u{ad}¬ng"), "Trung ương");
        let vni = |s: &str| legacy(&latin1(s), Encoding::Vni);
        assert_eq!(vni("Toâi ñi hoïc"), "Tôi đi học");
        assert_eq!(vni("Xin chaøo caùc baïn"), "Xin chào các bạn");
        let cp1258 = legacy(b"Vi\xea\xf2t", Encoding::Windows1258);
        assert_eq!((cp1258.as_str(), cp1258.chars().count()), ("Việt", 4));
    }

    /// Every letter of the language, small and capital, through each encoding and back.
    const ALPHABET: &str = "aàảãáạ ăằẳẵắặ âầẩẫấậ eèẻẽéẹ êềểễếệ iìỉĩíị oòỏõóọ ôồổỗốộ ơờởỡớợ \
        uùủũúụ ưừửữứự yỳỷỹýỵ đ bcdghklmnpqrstvx";

    #[test]
    fn round_trips_through_the_projects_tables() {
        let both = format!("{ALPHABET} {}", ALPHABET.to_uppercase());
        for e in [Encoding::Windows1258, Encoding::Vni, Encoding::Utf16Le] {
            let back = decode_as(&encode(&both, e), Some(e)).unwrap().text;
            assert_eq!(back, both, "{e}");
        }
        // TCVN3 has no capital toned vowels: small letters round-trip, capital words come
        // back capital, a capital toned initial comes back small.
        let t = Encoding::Tcvn3;
        let back = |s: &str| decode_as(&encode(s, t), Some(t)).unwrap().text;
        assert_eq!(back(ALPHABET), ALPHABET);
        assert_eq!(back("TỈNH ỦY BÌNH THUẬN"), "TỈNH ỦY BÌNH THUẬN");
        assert_eq!(back("SỞ CÔNG THƯƠNG\nSố 12"), "SỞ CÔNG THƯƠNG\nSố 12");
        assert_eq!(back("Ủy ban"), "ủy ban");
    }

    #[test]
    fn legacy_encodings_are_detected_by_their_syllables() {
        let text = "TỈNH ỦY BÌNH THUẬN\tĐẢNG CỘNG SẢN VIỆT NAM\nSố 525-TB/TU\tPhan Thiết, \
            ngày 21 tháng 7 năm 2008\nTHÔNG BÁO\nKết luận của Thường trực Tỉnh ủy về tình hình \
            kinh tế - xã hội 6 tháng đầu năm và nhiệm vụ trọng tâm 6 tháng cuối năm 2008\n\
            Giao Sở Kế hoạch và Đầu tư chủ trì, phối hợp với các sở, ngành liên quan tham mưu \
            triển khai thực hiện.\n";
        for e in Encoding::LEGACY {
            let d = decode(&encode(text, e)).unwrap();
            assert_eq!(d.encoding, e);
            assert!(d.detected.is_some());
            if e != Encoding::Tcvn3 {
                assert_eq!(d.text, text, "{e}");
            }
        }
        // The encoding named by the user wins.
        let d = decode_as(&encode(text, Encoding::Vni), Some(Encoding::Windows1258)).unwrap();
        assert_eq!(d.encoding, Encoding::Windows1258);
        assert_ne!(d.text, text);
    }

    /// Word's "save as web page" of a Vietnamese letter: Latin-1 bytes ("V\xe2n") beside
    /// character references, and the charset named in a meta tag.
    #[test]
    fn a_page_is_read_in_the_charset_it_declares() {
        let page = b"<html><head><meta http-equiv=Content-Type content=\"text/html; \
            charset=windows-1252\"></head><body><p>Ch\xe2u Th&#7883; V\xe2n</p></body></html>";
        let d = decode(page).unwrap();
        assert_eq!(d.encoding, Encoding::Windows1252);
        assert!(
            d.text.contains("Ch\u{e2}u Th&#7883; V\u{e2}n"),
            "{}",
            d.text
        );
        // A page set in a VNI font that declares Latin-1 still reads as VNI.
        let mut vni = b"<html><head><meta charset=\"iso-8859-1\"></head><body>".to_vec();
        vni.extend(encode(
            "Giao Sở Kế hoạch và Đầu tư chủ trì thực hiện",
            Encoding::Vni,
        ));
        assert_eq!(decode(&vni).unwrap().encoding, Encoding::Vni);
    }

    #[test]
    fn encoding_names() {
        for e in Encoding::ALL {
            assert_eq!(e.name().parse::<Encoding>(), Ok(e));
        }
        assert_eq!("ABC".parse::<Encoding>(), Ok(Encoding::Tcvn3));
        assert_eq!("VNI-Windows".parse::<Encoding>(), Ok(Encoding::Vni));
        assert_eq!("cp1258".parse::<Encoding>(), Ok(Encoding::Windows1258));
        assert!("latin9".parse::<Encoding>().unwrap_err().contains("tcvn3"));
    }

    #[test]
    fn refuses_binary_and_empty_reports_stray_bytes() {
        assert!(matches!(decode(b"  \n"), Err(DecodeError::Empty)));
        assert!(matches!(
            decode(b"PK\x03\x04\0\0"),
            Err(DecodeError::Binary { .. })
        ));
        // One stray byte in a long text is replaced and reported, not refused.
        let mut bytes = b"S\xe1\xbb\x91 12\xff ".to_vec();
        bytes.extend(b"ok ".repeat(40));
        let d = decode(&bytes).unwrap();
        assert_eq!(d.replaced, 1);
        assert_eq!(d.replaced_at, Some(7));
        assert!(matches!(
            decode(b"\xb5\xb6\xb7\xb8 \xa9\xaa"),
            Err(DecodeError::NotUtf8 { .. })
        ));
    }
}
