//! The parser against one resume rendered in seven Reactive Resume layouts (one column, sidebars
//! on either side, a date gutter, grids of entries): field-by-field precision and recall per
//! layout, against the JSON each PDF was rendered from.

mod support;

use support::score::{self, Count, FIELDS};

/// The fields the targets hold for, and the minimum precision and recall each must reach.
const TARGETS: [(&str, f64); 4] = [("companies", 0.95), ("roles", 0.95), ("schools", 0.95), ("skills", 0.90)];

#[test]
fn every_layout_reaches_the_precision_and_recall_targets() {
    let mut rows = Vec::new();
    let mut failures = Vec::new();
    for (layout, pdf, expected) in score::reactive_layouts() {
        let parsed = jobpilot_resume::parse(&pdf, Some(&format!("{layout}.pdf"))).unwrap_or_else(|e| panic!("{layout}: {e}"));
        let got = score::from_parsed(&parsed);
        let counts: Vec<Count> = FIELDS.iter().map(|f| score::count(expected.get(f), got.get(f))).collect();
        for (field, min) in TARGETS {
            let c = counts[FIELDS.iter().position(|f| *f == field).expect("a scored field")];
            if c.precision() < min || c.recall() < min {
                failures.push(format!("{layout} {field}: precision {:.2}, recall {:.2} (expected {:?}, parsed {:?})", c.precision(), c.recall(), expected.get(field), got.get(field)));
            }
        }
        rows.push((layout, counts));
    }
    println!("{}", score::table(&rows));
    assert_eq!(rows.len(), 7, "seven layouts in the shared test data");
    assert!(failures.is_empty(), "below target:\n{}", failures.join("\n"));
}

#[test]
fn no_layout_invents_a_contact_detail() {
    for (layout, pdf, expected) in score::reactive_layouts() {
        let parsed = jobpilot_resume::parse(&pdf, None).expect("parses");
        let got = score::from_parsed(&parsed);
        for field in ["name", "email", "phone"] {
            let c = score::count(expected.get(field), got.get(field));
            assert_eq!(c.precision(), 1.0, "{layout} {field}: parsed {:?}, expected {:?}", got.get(field), expected.get(field));
        }
    }
}
