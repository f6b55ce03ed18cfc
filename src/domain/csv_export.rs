//! CSV export: one row per application, in columns the importer reads back, with every cell a
//! spreadsheet would run as a formula made inert.

use std::borrow::Cow;

use chrono::{DateTime, SecondsFormat, Utc};
use uuid::Uuid;

use super::stage::Stage;

/// What a cell may not start with unguarded: formula openers, and the guard itself.
pub const GUARDED: [char; 7] = ['=', '+', '-', '@', '\t', '\r', '\''];

/// The export's header row. company…source and notes are what the importer reads back; the
/// rest is for the reader (and is reported as ignored on import).
pub const HEADER: [&str; 12] = [
    "id", "company", "title", "url", "stage", "applied_at", "stage_entered_at", "source", "notes", "resume_version_id",
    "created_at", "updated_at",
];

/// One application as exported.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportRow {
    pub id: Uuid,
    pub company: String,
    pub title: String,
    pub url: String,
    pub stage: Stage,
    pub applied_at: Option<DateTime<Utc>>,
    pub stage_entered_at: DateTime<Utc>,
    pub source: Option<String>,
    pub notes: Option<String>,
    pub resume_version_id: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A cell starting with = + - @ (or a tab or carriage return, which some spreadsheets skip
/// before looking) would be run as a formula when the file is opened: a leading apostrophe
/// makes it text. A cell already starting with an apostrophe gets one too, so that the
/// importer, which removes one apostrophe before any of these, gives back exactly what was here.
pub fn guard(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(GUARDED) { Cow::Owned(format!("'{cell}")) } else { Cow::Borrowed(cell) }
}

/// Full precision, so a re-import keeps the exact instant.
fn time(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

impl ExportRow {
    fn cells(&self) -> [String; 12] {
        // Trimmed first, as the importer trims: a guard hidden behind a space would be lost.
        let text = |value: &str| guard(value.trim()).into_owned();
        let optional = |value: &Option<String>| value.as_deref().map(text).unwrap_or_default();
        [
            self.id.to_string(),
            text(&self.company),
            text(&self.title),
            text(&self.url),
            self.stage.as_str().to_string(),
            self.applied_at.map(time).unwrap_or_default(),
            time(self.stage_entered_at),
            optional(&self.source),
            optional(&self.notes),
            self.resume_version_id.map(|id| id.to_string()).unwrap_or_default(),
            time(self.created_at),
            time(self.updated_at),
        ]
    }
}

/// A piece of the file: the header row when `header` is set, then the rows (CRLF line ends,
/// as RFC 4180 and spreadsheets expect).
pub fn write(rows: &[ExportRow], header: bool) -> Vec<u8> {
    let mut writer = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(Vec::new());
    // Writing to memory cannot fail; an error would only ever be a bug in the csv crate.
    let mut put = |cells: &[&str]| writer.write_record(cells).expect("writing CSV to memory");
    if header {
        put(&HEADER);
    }
    for row in rows {
        let cells = row.cells();
        put(&cells.each_ref().map(String::as_str));
    }
    writer.into_inner().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::csv_dates::DateOrder;
    use crate::domain::csv_import::{self, ImportRow};
    use proptest::prelude::*;

    fn row(company: &str, title: &str, notes: Option<&str>) -> ExportRow {
        let at = DateTime::from_timestamp(1_709_640_000, 123_456_000).expect("time");
        ExportRow {
            id: Uuid::nil(),
            company: company.into(),
            title: title.into(),
            url: "https://jobs.example/1".into(),
            stage: Stage::Interview,
            applied_at: Some(at),
            stage_entered_at: at,
            source: Some("Manual entry".into()),
            notes: notes.map(str::to_string),
            resume_version_id: None,
            created_at: at,
            updated_at: at,
        }
    }

    fn read_back(bytes: &[u8]) -> Vec<ImportRow> {
        let parsed = csv_import::parse(bytes, DateOrder::Mdy).expect("readable");
        parsed.rows.into_iter().map(|r| r.expect("every exported row reads back")).collect()
    }

    #[test]
    fn every_formula_opener_gets_an_apostrophe_and_nothing_else_does() {
        for cell in ["=HYPERLINK(\"http://evil\")", "+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "'=1"] {
            assert_eq!(guard(cell), format!("'{cell}"), "{cell:?}");
        }
        for cell in ["Acme", "", "a=b", " =1", "quoted'"] {
            assert_eq!(guard(cell), cell, "{cell:?}");
        }
    }

    #[test]
    fn no_exported_cell_starts_with_a_formula_opener() {
        let hostile = row("=cmd|' /C calc'!A0", "@SUM(1+1)", Some("-1+1"));
        let bytes = write(&[hostile], true);
        let mut reader = csv::Reader::from_reader(bytes.as_slice());
        for record in reader.records() {
            for cell in record.expect("csv").iter() {
                assert!(!cell.starts_with(['=', '+', '-', '@', '\t', '\r']), "{cell:?}");
            }
        }
    }

    #[test]
    fn the_header_and_rows_use_crlf_and_the_importers_names() {
        let text = String::from_utf8(write(&[row("Acme", "Engineer", None)], true)).expect("utf8");
        assert!(text.starts_with("id,company,title,url,stage,applied_at,stage_entered_at,source,notes,"), "{text}");
        assert!(text.ends_with("\r\n") && text.contains("2024-03-05T12:00:00.123456Z"), "{text}");
        let parsed = csv_import::parse(text.as_bytes(), DateOrder::Mdy).expect("readable");
        assert_eq!(parsed.ignored_columns, ["id", "stage_entered_at", "resume_version_id", "created_at", "updated_at"]);
    }

    fn text() -> impl Strategy<Value = String> {
        // Anything a person could type, including quotes, separators, line breaks and formula openers,
        // with at least one non-space character (blank company or title is not a row).
        "[=+@\\-\t]?[a-zA-Z0-9 ,;\"'\n\\-éß€]{0,20}[a-zA-Z0-9éß€]"
    }

    proptest! {
        #[test]
        fn any_exported_row_reads_back_to_the_same_application(
            company in text(), title in text(), notes in proptest::option::of(text()),
            source in proptest::option::of(text()), stage in 0usize..7, secs in 0i64..4_000_000_000, micros in 0u32..1_000_000,
        ) {
            let at = DateTime::from_timestamp(secs, micros * 1000).expect("time");
            let exported = ExportRow {
                stage: Stage::ALL[stage], applied_at: Some(at), source, ..row(&company, &title, notes.as_deref())
            };
            let back = read_back(&write(std::slice::from_ref(&exported), true));
            prop_assert_eq!(back.len(), 1);
            let got = &back[0];
            let trimmed = |v: &str| v.trim().to_string();
            prop_assert_eq!(&got.company, &trimmed(&exported.company));
            prop_assert_eq!(&got.title, &trimmed(&exported.title));
            prop_assert_eq!(&got.url, &exported.url);
            prop_assert_eq!(got.stage, exported.stage);
            prop_assert_eq!(got.applied_at, exported.applied_at);
            prop_assert_eq!(got.notes.clone(), exported.notes.as_deref().map(trimmed).filter(|n| !n.is_empty()));
            prop_assert_eq!(got.source.clone(), exported.source.as_deref().map(trimmed).filter(|n| !n.is_empty()));
        }

        #[test]
        fn the_importer_never_panics_on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
            let _ = csv_import::parse(&bytes, DateOrder::Mdy);
            let mut with_header = b"company,title,url,stage,applied_at\n".to_vec();
            with_header.extend_from_slice(&bytes);
            let _ = csv_import::parse(&with_header, DateOrder::Dmy);
        }
    }
}
