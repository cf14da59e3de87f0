//! Is a word a Vietnamese syllable? Used to choose between candidate decodings of a
//! legacy-encoded file and to notice garbled text (a PDF whose font map is broken): a
//! right reading of Vietnamese is made of valid syllables, mojibake is not.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::decompose_canonical;

/// Onsets, longest first so that "ngh" is tried before "ng" and "n".
const ONSETS: [&str; 27] = [
    "ngh", "ng", "gh", "gi", "kh", "nh", "ph", "th", "tr", "ch", "qu", "b", "c", "d", "đ", "g",
    "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x",
];

/// Vowel groups of a rhyme, marks of quality kept and tones removed.
const NUCLEI: [&str; 54] = [
    "a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "ai", "ao", "au", "ay", "âu", "ây",
    "eo", "êu", "ia", "iê", "iu", "oa", "oă", "oe", "oi", "ôi", "ơi", "oo", "ua", "uâ", "uê", "ui",
    "uô", "uơ", "uy", "ưa", "ưi", "ưu", "ươ", "yê", "iêu", "oai", "oao", "oay", "oeo", "uây",
    "uôi", "uya", "uyê", "uyu", "ươi", "ươu",
];

static NUCLEUS_SET: std::sync::LazyLock<std::collections::HashSet<&'static str>> =
    std::sync::LazyLock::new(|| NUCLEI.into_iter().collect());

const CODAS: [&str; 9] = ["", "c", "ch", "m", "n", "ng", "nh", "p", "t"];

/// A letter without its tone (lower case) and whether it carried one; `None` for a
/// character that is no letter of Vietnamese.
fn untoned(c: char) -> Option<(char, bool)> {
    let mut base = None;
    let (mut hat, mut breve, mut horn, mut tones) = (false, false, false, 0);
    let mut bad = false;
    decompose_canonical(c, |d| match d {
        '\u{302}' => hat = true,
        '\u{306}' => breve = true,
        '\u{31B}' => horn = true,
        '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}' => tones += 1,
        _ if base.is_none() => base = Some(d),
        _ => bad = true,
    });
    let base = base?.to_lowercase().next()?;
    let letter = match (base, hat, breve, horn) {
        ('a', false, false, false) => 'a',
        ('a', true, false, false) => 'â',
        ('a', false, true, false) => 'ă',
        ('e', false, false, false) => 'e',
        ('e', true, false, false) => 'ê',
        ('o', false, false, false) => 'o',
        ('o', true, false, false) => 'ô',
        ('o', false, false, true) => 'ơ',
        ('u', false, false, false) => 'u',
        ('u', false, false, true) => 'ư',
        ('i' | 'y', false, false, false) => base,
        ('đ', false, false, false) => 'đ',
        (
            'b' | 'c' | 'd' | 'g' | 'h' | 'k' | 'l' | 'm' | 'n' | 'p' | 'q' | 'r' | 's' | 't' | 'v'
            | 'x',
            false,
            false,
            false,
        ) if tones == 0 => base,
        _ => return None,
    };
    (!bad && tones <= 1).then_some((letter, tones == 1))
}

/// A precomposed letter of Vietnamese other than ASCII (the 134 of the alphabet with
/// their marks and tones).
pub fn vietnamese_letter(c: char) -> bool {
    matches!(c,
        'À'..='Ã' | 'È'..='Ê' | 'Ì' | 'Í' | 'Ò'..='Õ' | 'Ù' | 'Ú' | 'Ý'
        | 'à'..='ã' | 'è'..='ê' | 'ì' | 'í' | 'ò'..='õ' | 'ù' | 'ú' | 'ý'
        | 'Ă' | 'ă' | 'Đ' | 'đ' | 'Ĩ' | 'ĩ' | 'Ũ' | 'ũ' | 'Ơ' | 'ơ' | 'Ư' | 'ư'
        | '\u{1EA0}'..='\u{1EF9}')
}

/// Whether `word` (letters only, any case, NFC or not) is one Vietnamese syllable.
pub fn is_syllable(word: &str) -> bool {
    let mut plain = String::with_capacity(word.len());
    let mut tones = 0;
    // A capital after a small letter is no writing of Vietnamese ("ChÊp").
    let mut small_seen = false;
    let composed: Box<dyn Iterator<Item = char>> =
        match unicode_normalization::is_nfc_quick(word.chars()) {
            unicode_normalization::IsNormalized::Yes => Box::new(word.chars()),
            _ => Box::new(word.nfc()),
        };
    for c in composed {
        if c.is_lowercase() {
            small_seen = true;
        } else if small_seen && c.is_uppercase() {
            return false;
        }
        match untoned(c) {
            Some((l, toned)) => {
                plain.push(l);
                tones += toned as usize;
            }
            None => return false,
        }
    }
    if tones > 1 || plain.is_empty() || plain.chars().count() > 7 {
        return false;
    }
    let rhyme_ok = |r: &str| {
        CODAS.iter().any(|coda| {
            r.strip_suffix(coda)
                .is_some_and(|nucleus| NUCLEUS_SET.contains(nucleus))
        })
    };
    // Every onset is tried, so "gìn" reads as "g" + "ìn" as well as "gi" + "n".
    rhyme_ok(&plain)
        || ONSETS.iter().any(|o| {
            plain
                .strip_prefix(o)
                .is_some_and(|r| !r.is_empty() && rhyme_ok(r))
        })
}

/// How Vietnamese a text reads, over its words with a letter outside ASCII: (valid
/// syllables, other such words). ASCII words are left out, as every decoding agrees on
/// them; a word is what lies between spaces and ASCII punctuation or digits.
pub fn score(text: &str) -> (usize, usize) {
    let (mut valid, mut invalid) = (0, 0);
    // Vietnamese has a few thousand syllables and a text repeats them: each distinct word
    // is judged once.
    let mut seen: std::collections::HashMap<&str, bool> = std::collections::HashMap::new();
    for word in text
        .split(|c: char| c.is_whitespace() || c.is_ascii_punctuation() || c.is_ascii_digit())
        .filter(|w| !w.is_ascii())
    {
        if *seen.entry(word).or_insert_with(|| is_syllable(word)) {
            valid += 1;
        } else {
            invalid += 1;
        }
    }
    (valid, invalid)
}

/// Text whose words are mostly not Vietnamese: where it starts to show, and the counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Garbled {
    /// Byte offset of the first line where invalid words outnumber syllables.
    pub at: usize,
    pub valid: usize,
    pub invalid: usize,
}

/// How much of a text is read to tell whether it is garbled: a broken font map garbles
/// the header already.
const GARBLE_WINDOW: usize = 16 << 10;

/// Whether a text is garbled: among at least 20 words with a letter outside ASCII, over
/// 30% are no syllable. On the 649 real documents of the project's test corpus the
/// broken-font PDF extractions score 0.66–0.70 and every other file at most 0.07.
pub fn garbled(text: &str) -> Option<Garbled> {
    let head = &text[..text.floor_char_boundary(GARBLE_WINDOW)];
    // Most texts are plainly Vietnamese: their characters outside ASCII are letters of
    // the language. Only a text with other ones (Cyrillic or Armenian letters of a broken
    // font map, Latin-1 signs of mojibake) is scored word by word.
    let (mut other, mut suspect) = (0usize, 0usize);
    for c in head.chars().filter(|c| !c.is_ascii()) {
        other += 1;
        if !vietnamese_letter(c) && (c.is_alphabetic() || ('\u{A1}'..='\u{BF}').contains(&c)) {
            suspect += 1;
        }
    }
    if suspect * 50 < other.max(1) {
        return None;
    }
    let (valid, invalid) = score(head);
    if valid + invalid < 20 || invalid * 10 <= (valid + invalid) * 3 {
        return None;
    }
    let mut at = 0;
    for line in head.split_inclusive('\n') {
        let (v, i) = score(line);
        if i >= 2 && i > v {
            break;
        }
        at += line.len();
    }
    Some(Garbled {
        at: if at >= head.len() { 0 } else { at },
        valid,
        invalid,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syllables_of_the_language() {
        for w in [
            "Việt",
            "nghiêng",
            "quyết",
            "giữ",
            "gìn",
            "Ủy",
            "UỶ",
            "thuỷ",
            "hoà",
            "người",
            "khuya",
            "khuyên",
            "đường",
            "ĐẢNG",
            "tỉnh",
            "Huyện",
            "uống",
            "oái",
            "ngoèo",
            "a",
        ] {
            assert!(is_syllable(w), "{w}");
        }
        // Decomposed text is read the same.
        assert!(is_syllable("Vie\u{302}\u{323}t"));
    }

    #[test]
    fn mojibake_and_foreign_words_are_not() {
        for w in [
            "Th¸ng",
            "ChÊp",
            "Vi\u{ea}\u{f2}t",
            "7ӌ1",
            "ĈӝF",
            "OұS",
            "Toâi",
            "chaøo",
            "ÿӏa",
            "Việtt",
            "ảá",
            "façade",
            "bãcs",
        ] {
            assert!(!is_syllable(w), "{w}");
        }
    }

    #[test]
    fn the_alphabet_is_134_letters() {
        let n = ('\u{80}'..='\u{1FFF}')
            .filter(|&c| vietnamese_letter(c))
            .count();
        assert_eq!(n, 134);
        assert!(vietnamese_letter('ệ') && vietnamese_letter('Ư') && !vietnamese_letter('Ä'));
    }

    #[test]
    fn garbled_text_is_told_from_text() {
        // The shape of a PDF extraction through a broken font map (a header of the
        // project's own notice, its letters shifted as such files show them).
        let bad = "UBND 7ӌ1+ BÌNH THUẬN\n".to_string()
            + &"&Ӝ1* HÒA XÃ +Ӝ, &+Ӫ 1*+Ƭ$ 9,ӊ7 NAM ĈӝF OұS - 7ӵ do - +ҥQK phúc\n".repeat(3);
        let g = garbled(&bad).expect("garbled");
        assert_eq!(g.at, "UBND 7ӌ1+ BÌNH THUẬN\n".len());
        let good = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n".repeat(4);
        assert_eq!(garbled(&good), None);
        assert_eq!(garbled("Số 1 ngày 2"), None);
    }

    #[test]
    fn score_counts_non_ascii_words_only() {
        // "QĐ" is an abbreviation, not a syllable.
        assert_eq!(score("Số 12/QĐ-UBND ngày 3 tháng 4"), (3, 1));
        // "Sè" happens to be a syllable; "th¸ng" is not.
        assert_eq!(score("Sè 12 th¸ng 4"), (1, 1));
    }
}

/// A word or phrase without diacritics, lower-case (`Thời gian ký` → `thoi gian ky`): how
/// text damaged by OCR, or typed without accents, is compared with the format's words.
pub fn bare(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    text.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .map(|c| match c {
            'đ' | 'Đ' | 'Ð' => 'd',
            c => c.to_lowercase().next().unwrap_or(c),
        })
        .collect()
}

/// Where a word that lost the space after a syllable splits (`chủtrì` → `chủ` `trì`,
/// `ủyUBND` → `ủy` `UBND`, `vụĐảng` → `vụ` `Đảng`): text extracted from PDFs drops the
/// space after a toned letter. The byte offset of the second part, when the word is no
/// syllable, its first part is a syllable with a Vietnamese letter, and the second is a
/// syllable or (after a small letter) a word in capitals.
pub fn glued_split(word: &str) -> Option<usize> {
    glued_split_in(word, MAX_GLUED - 1)
}

/// How many syllables a run of glued ones may hold ("Vềdựthảo", "ĐềnghịUỷban"): enough
/// for the words converters glue, few enough that a long word costs little.
const MAX_GLUED: usize = 4;

/// `glued_split` where the second part may itself be up to `more` glued syllables.
fn glued_split_in(word: &str, more: usize) -> Option<usize> {
    if word.is_ascii() || word.chars().count() < 3 || word.len() > 64 || is_syllable(word) {
        return None;
    }
    for (i, c) in word.char_indices().skip(1) {
        let p = word[..i].chars().last()?;
        let (left, right) = (&word[..i], &word[i..]);
        // The lost space falls before a consonant (`vụ|quý`, `chủ|trì`): a vowel there
        // belongs to the syllable (`yế|u` is `yếu`, which this check does not know).
        let consonant = right.chars().next().is_some_and(|r| {
            !matches!(
                bare(&r.to_string()).as_str(),
                "a" | "e" | "i" | "o" | "u" | "y"
            )
        });
        let caps = p.is_lowercase()
            && right.chars().count() >= 2
            && right
                .chars()
                .all(|r| r.is_uppercase() || r.is_ascii_digit());
        // A capital after a small letter opens a word, vowel or not (`nghịUỷ`).
        let capital = p.is_lowercase() && c.is_uppercase();
        if !(consonant || caps || capital)
            || right.chars().count() < 2
            || !left.chars().any(vietnamese_letter)
            || !is_syllable(left)
        {
            continue;
        }
        let right_whole =
            is_syllable(right) || (more > 0 && glued_split_in(right, more - 1).is_some());
        let toned_split = capital && right_whole;
        if caps || toned_split || right_whole && vietnamese_letter(p) {
            return Some(i);
        }
    }
    None
}

#[cfg(test)]
mod glued_tests {
    use super::glued_split;

    #[test]
    fn glued_syllables_split_where_the_space_was_lost() {
        fn split(w: &str) -> Option<(&str, &str)> {
            glued_split(w).map(|i| (&w[..i], &w[i..]))
        }
        assert_eq!(split("chủtrì"), Some(("chủ", "trì")));
        assert_eq!(split("ủyUBND"), Some(("ủy", "UBND")));
        assert_eq!(split("vụĐảng"), Some(("vụ", "Đảng")));
        assert_eq!(split("sốnội"), Some(("số", "nội")));
        // Several syllables glued, as a web page's converter leaves them.
        assert_eq!(split("Đềnghịtiếp"), Some(("Đề", "nghịtiếp")));
        assert_eq!(split("nghịtiếp"), Some(("nghị", "tiếp")));
        assert_eq!(split("ĐềnghịUỷban"), Some(("Đề", "nghịUỷban")));
        assert_eq!(split("nghịUỷban"), Some(("nghị", "Uỷban")));
        assert_eq!(split("Vềdựthảo"), Some(("Về", "dựthảo")));
        for whole in [
            "nghiêng", "Quốc", "Hanoi", "iPhone", "TpHCM", "chủ", "AUN", "x",
        ] {
            assert_eq!(split(whole), None, "{whole}");
        }
    }
}
