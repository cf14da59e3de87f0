//! The fixed words the reader looks for: role cues, task verbs, words that end a name,
//! headings that announce tasks; the heads of an issuer's name, type codes, words of a
//! signer's title. They live in `data/lexicon.tsv`, one `LIST<TAB>ENTRY`
//! line each, and are loaded once; a list that names an entry twice, or a list the code
//! does not know, is refused with its line (the `loads` test checks the shipped file).

use std::sync::OnceLock;

const TEXT: &str = include_str!("../data/lexicon.tsv");

/// One list per kind of word, entries in the file's order.
#[derive(Debug, Default)]
pub(crate) struct Lexicon {
    /// Nouns of a kind listed after a comma in a collective ("các sở, ban, ngành").
    pub collective_nouns: Vec<&'static str>,
    /// Lower-case words that end a name: role cues and task verbs.
    pub stops: Vec<&'static str>,
    /// After a name: it leads ("… chủ trì").
    pub lead_after: Vec<&'static str>,
    /// After a name: it directs ("… chỉ đạo").
    pub supervisor_after: Vec<&'static str>,
    /// Before a name: it supports ("phối hợp với …").
    pub support_before: Vec<&'static str>,
    /// Before a name: it is reported to ("báo cáo …").
    pub report_before: Vec<&'static str>,
    /// Before a name: it leads ("giao …").
    pub lead_before: Vec<&'static str>,
    /// Before a name: it is asked ("đề nghị …").
    pub addressee_before: Vec<&'static str>,
    /// Between a subject and its verb ("khẩn trương").
    pub subject_adverbs: Vec<&'static str>,
    /// What frames a clause before its subject ("trên cơ sở …,").
    pub frame_openers: Vec<&'static str>,
    /// The verbs that open a task.
    pub actions: Vec<&'static str>,
    /// What opens a heading before the body it names ("Đề nghị").
    pub heading_openers: Vec<&'static str>,
    /// Openers of a task carried out under the one that directs it ("Chỉ đạo").
    pub directs: Vec<&'static str>,
    /// Words of a section heading that announce tasks.
    pub directive_headings: Vec<&'static str>,
    /// Words of a heading that announce an assessment.
    pub assessment_headings: Vec<&'static str>,
    /// Words that announce tasks only at a heading's start.
    pub directive_heading_openers: Vec<&'static str>,
    /// Type codes of legal acts (laws, decrees, circulars, regulations).
    pub legal_types: Vec<&'static str>,
    /// After a name in a legal act: it is charged with implementation.
    pub legal_assignments: Vec<&'static str>,
    /// Names of bodies that open an issuer line ("SỞ", "ỦY BAN").
    pub issuer_heads: Vec<&'static str>,
    /// Levels that open the place part of a name ("TỈNH", before a space).
    pub place_heads: Vec<&'static str>,
    /// Type codes of a symbol ("TB", "QĐ", "KL").
    pub type_codes: Vec<&'static str>,
    /// Issuer codes told apart when the hyphen before them is lost ("UBND").
    pub known_issuers: Vec<&'static str>,
    /// Words that open a sentence of the body, never a title's line.
    pub sentence_openers: Vec<&'static str>,
    /// Words of a signer's title, which a name never holds.
    pub title_words: Vec<&'static str>,
}

impl Lexicon {
    fn list_mut(&mut self, name: &str) -> Option<&mut Vec<&'static str>> {
        Some(match name {
            "collective_nouns" => &mut self.collective_nouns,
            "stops" => &mut self.stops,
            "lead_after" => &mut self.lead_after,
            "supervisor_after" => &mut self.supervisor_after,
            "support_before" => &mut self.support_before,
            "report_before" => &mut self.report_before,
            "lead_before" => &mut self.lead_before,
            "addressee_before" => &mut self.addressee_before,
            "subject_adverbs" => &mut self.subject_adverbs,
            "frame_openers" => &mut self.frame_openers,
            "actions" => &mut self.actions,
            "heading_openers" => &mut self.heading_openers,
            "directs" => &mut self.directs,
            "directive_headings" => &mut self.directive_headings,
            "assessment_headings" => &mut self.assessment_headings,
            "directive_heading_openers" => &mut self.directive_heading_openers,
            "legal_types" => &mut self.legal_types,
            "legal_assignments" => &mut self.legal_assignments,
            "issuer_heads" => &mut self.issuer_heads,
            "place_heads" => &mut self.place_heads,
            "type_codes" => &mut self.type_codes,
            "known_issuers" => &mut self.known_issuers,
            "sentence_openers" => &mut self.sentence_openers,
            "title_words" => &mut self.title_words,
            _ => return None,
        })
    }
}

/// The lexicon shipped in `data/lexicon.tsv`.
pub(crate) fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    // The file is part of the program and the `loads` test reads it: it cannot fail here.
    LEXICON.get_or_init(|| parse(TEXT).unwrap_or_else(|e| panic!("data/lexicon.tsv: {e}")))
}

/// Whether a text opens with a phrase and a space ("Chỉ đạo các …", not "Chỉ đạo:").
pub(crate) fn opens_with(text: &str, phrase: &str) -> bool {
    text.strip_prefix(phrase)
        .is_some_and(|r| r.starts_with(' '))
}

/// Whether a text opens with a phrase as whole words ("Theo đó", "Theo:", not "Theodore").
pub(crate) fn opens_word(text: &str, phrase: &str) -> bool {
    text.strip_prefix(phrase)
        .is_some_and(|r| !r.starts_with(char::is_alphanumeric))
}

fn parse(text: &'static str) -> Result<Lexicon, String> {
    let mut lexicon = Lexicon::default();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let at = i + 1;
        let (list, entry) = line
            .split_once('\t')
            .ok_or_else(|| format!("line {at}: expected LIST<TAB>ENTRY, found {line:?}"))?;
        let entry = entry.trim();
        let words = lexicon
            .list_mut(list)
            .ok_or_else(|| format!("line {at}: no list is called {list:?}"))?;
        if entry.is_empty() || words.contains(&entry) {
            return Err(format!(
                "line {at}: {entry:?} is empty or already in {list}"
            ));
        }
        words.push(entry);
    }
    Ok(lexicon)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loads() {
        let lexicon = parse(TEXT).unwrap();
        assert!(lexicon.actions.contains(&"Chủ trì"));
        assert!(lexicon.stops.contains(&"phối"));
    }

    #[test]
    fn refuses_a_repeated_entry_and_an_unknown_list() {
        let repeated = parse("stops\tphối\nstops\tphối\n").unwrap_err();
        assert!(repeated.starts_with("line 2:"), "{repeated}");
        let unknown = parse("# a comment\nverbs\tgiao\n").unwrap_err();
        assert!(
            unknown.contains("line 2") && unknown.contains("verbs"),
            "{unknown}"
        );
    }
}
