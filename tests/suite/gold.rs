//! Precision, recall and F1 of directive extraction against a gold set written by reading
//! the documents (`tests/gold/directives.tsv`): of (directive, agency, role) triples, of
//! deadlines, and of which nodes are directives. Floors hold what was measured.
//!
//!     cargo test --test gold -- --nocapture     # prints the scores and every mismatch

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

type Key = (String, usize, String, String);

struct Scores {
    name: &'static str,
    gold: BTreeSet<Key>,
    pred: BTreeSet<Key>,
}

impl Scores {
    fn prf(&self) -> (f64, f64, f64) {
        let hit = self.gold.intersection(&self.pred).count() as f64;
        let p = if self.pred.is_empty() {
            1.0
        } else {
            hit / self.pred.len() as f64
        };
        let r = if self.gold.is_empty() {
            1.0
        } else {
            hit / self.gold.len() as f64
        };
        let f = if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        };
        (p, r, f)
    }

    fn report(&self) -> String {
        let (p, r, f) = self.prf();
        let mut s = format!(
            "{:<24} gold {:>4}  found {:>4}  P {:.3}  R {:.3}  F1 {:.3}\n",
            self.name,
            self.gold.len(),
            self.pred.len(),
            p,
            r,
            f
        );
        for k in self.gold.difference(&self.pred) {
            s += &format!("    missed   {}:{} {} {}\n", k.0, k.1, k.2, k.3);
        }
        for k in self.pred.difference(&self.gold) {
            s += &format!("    spurious {}:{} {} {}\n", k.0, k.1, k.2, k.3);
        }
        s
    }
}

fn path_of(file: &str) -> Option<PathBuf> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    if let Some(rest) = file.strip_prefix("shared/") {
        Some(root.join("../shared/corpus").join(rest))
    } else {
        Some(root.join(file))
    }
}

#[test]
fn directives_against_the_gold_set() {
    let gold_text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/gold/directives.tsv"
    ))
    .unwrap();
    let mut by_file: BTreeMap<String, Vec<Vec<String>>> = BTreeMap::new();
    for line in gold_text.lines() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let f: Vec<String> = line.split('\t').map(String::from).collect();
        assert!(f.len() >= 3, "bad gold line: {line:?}");
        by_file.entry(f[0].clone()).or_default().push(f);
    }
    let mut agencies = Scores {
        name: "agency × role",
        gold: BTreeSet::new(),
        pred: BTreeSet::new(),
    };
    let mut deadlines = Scores {
        name: "deadline",
        gold: BTreeSet::new(),
        pred: BTreeSet::new(),
    };
    let mut nodes = Scores {
        name: "directive nodes",
        gold: BTreeSet::new(),
        pred: BTreeSet::new(),
    };
    let mut skipped = 0;
    for (file, rows) in &by_file {
        let path = path_of(file).unwrap();
        if !path.exists() {
            assert!(
                std::env::var_os("VANBAN_REQUIRE_CORPUS").is_none(),
                "{} is absent, and VANBAN_REQUIRE_CORPUS is set (CI)",
                path.display()
            );
            skipped += 1;
            continue;
        }
        for f in rows {
            let line: usize = f[1]
                .parse()
                .unwrap_or_else(|_| panic!("bad line number in {f:?}"));
            nodes
                .gold
                .insert((file.clone(), line, String::new(), String::new()));
            match f[2].as_str() {
                "deadline" => {
                    deadlines
                        .gold
                        .insert((file.clone(), line, f[3].clone(), f[4].clone()));
                }
                "none" => {}
                role => {
                    agencies
                        .gold
                        .insert((file.clone(), line, role.to_string(), f[3].clone()));
                }
            }
        }
        let doc = vanban::parse_file(&path);
        for (n, d) in vanban::render::directives(&doc) {
            let line = n.span.line;
            nodes
                .pred
                .insert((file.clone(), line, String::new(), String::new()));
            for a in &d.assignments {
                agencies.pred.insert((
                    file.clone(),
                    line,
                    a.role.as_str().to_string(),
                    a.canonical.clone(),
                ));
            }
            if let Some(dl) = &d.deadline {
                let kind = serde_json::to_value(dl.kind)
                    .unwrap()
                    .as_str()
                    .unwrap()
                    .to_string();
                let end = dl.end.clone().or(dl.period.clone()).unwrap_or_default();
                deadlines.pred.insert((file.clone(), line, kind, end));
            }
        }
    }
    if skipped > 0 {
        eprintln!("skipped {skipped} gold documents: ../shared/corpus is absent");
    }
    let n_directives = nodes.gold.len();
    eprintln!(
        "{n_directives} gold directives in {} documents",
        by_file.len() - skipped
    );
    for s in [&agencies, &deadlines, &nodes] {
        eprint!("{}", s.report());
    }
    // Floors at what was measured (see the issue note); raise them as the extractor improves.
    let floor = |s: &Scores, f1: f64| {
        let (_, _, got) = s.prf();
        assert!(
            got >= f1,
            "{}: F1 {got:.3} fell below its floor {f1}",
            s.name
        );
    };
    floor(&agencies, AGENCY_F1_FLOOR);
    floor(&deadlines, DEADLINE_F1_FLOOR);
    floor(&nodes, NODES_F1_FLOOR);
}

const AGENCY_F1_FLOOR: f64 = 0.94;
const DEADLINE_F1_FLOOR: f64 = 0.93;
// 0.986 since provisions of a legal act count as directives only where they assign
// implementation (congbao/0026 L122 and L266, procedural clauses of a circular, are no
// longer directives; the gold, written before that rule, lists them).
const NODES_F1_FLOOR: f64 = 0.985;
