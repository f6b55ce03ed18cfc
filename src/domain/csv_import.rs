//! CSV import: a file's bytes to the rows it asks for, each good or an error carrying the
//! physical line it starts on (the header is line 1; a quoted field may span lines).

use chrono::{DateTime, Utc};

use super::csv_columns::{Column, Header, stage_from_text};
use super::csv_dates::{self, DateOrder};
use super::stage::Stage;

/// Largest file read (bigger is refused whole, naming the limit).
pub const MAX_BYTES: usize = 2 * 1024 * 1024;
/// Most data rows read from one file: each row is stored as a job typed in by hand (a few
/// transactions, 22–29 ms in a release build on 2 cores), and 500 of them finish well inside
/// the 30 s request timeout, so every import answers with its report. A bigger file is split.
pub const MAX_ROWS: usize = 500;

/// One application a row asks for, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportRow {
    pub line: u64,
    pub company: String,
    pub title: String,
    pub url: String,
    pub stage: Stage,
    pub applied_at: Option<DateTime<Utc>>,
    pub notes: Option<String>,
    pub source: Option<String>,
    pub location: Option<String>,
}

/// Why a row was not imported.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowError {
    pub line: u64,
    pub reason: String,
}

/// A whole file refused before any row is read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileError {
    /// Over [`MAX_BYTES`] or [`MAX_ROWS`].
    TooLarge(String),
    /// No header, no company or title column, or a header that is not text.
    Unreadable(String),
}

/// Every row of a file, in file order, and the headers that were not read.
#[derive(Debug, Default)]
pub struct ParsedFile {
    pub rows: Vec<Result<ImportRow, RowError>>,
    pub ignored_columns: Vec<String>,
}

/// The delimiter the header line uses most: `,`, `;` (European spreadsheets) or tab.
fn sniff_delimiter(bytes: &[u8]) -> u8 {
    let first_line = bytes.split(|b| *b == b'\n').next().unwrap_or_default();
    let mut quoted = false;
    let mut counts = [(b',', 0), (b';', 0), (b'\t', 0)];
    for byte in first_line {
        if *byte == b'"' {
            quoted = !quoted;
        } else if !quoted {
            counts.iter_mut().filter(|(d, _)| d == byte).for_each(|(_, n)| *n += 1);
        }
    }
    // Ties (including none at all) go to the comma.
    counts.iter().fold((b',', 0), |best, &(d, n)| if n > best.1 { (d, n) } else { best }).0
}

/// Physical line numbers from byte offsets. The csv crate's own line count can lag behind
/// (a record's position is taken before the previous line end is consumed, so CRLF files and
/// blank lines shift it); counting line feeds up to the record's first byte cannot.
#[derive(Default)]
struct LineCounter {
    offset: usize,
    line: u64,
}

impl LineCounter {
    /// The 1-based line of the record starting at `offset`; offsets must not decrease.
    fn line_at(&mut self, bytes: &[u8], offset: u64) -> u64 {
        let mut start = usize::try_from(offset).unwrap_or(usize::MAX).min(bytes.len());
        // A record never starts with a line end: one here belongs to the record before.
        while bytes.get(start).is_some_and(|b| matches!(b, b'\r' | b'\n')) {
            start += 1;
        }
        let from = self.offset.min(start);
        self.line += bytes[from..start].iter().filter(|b| **b == b'\n').count() as u64;
        self.offset = start;
        self.line + 1
    }
}

/// The export marks a cell that a spreadsheet would run as a formula with a leading
/// apostrophe (see `csv_export`); reading it back removes that mark.
fn unguard(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(super::csv_export::GUARDED) => rest,
        _ => cell,
    }
}

/// Reads a file. `Err` refuses the whole file; otherwise each non-blank row is either an
/// [`ImportRow`] or a [`RowError`] saying which line and why.
pub fn parse(bytes: &[u8], order: DateOrder) -> Result<ParsedFile, FileError> {
    if bytes.len() > MAX_BYTES {
        return Err(FileError::TooLarge(format!("the file is larger than {} MiB", MAX_BYTES >> 20)));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(sniff_delimiter(bytes))
        .flexible(true)
        .has_headers(false)
        .from_reader(bytes);
    let mut records = reader.byte_records();
    let header = match records.next() {
        None => return Err(FileError::Unreadable("the file is empty; its first line must be a header row".into())),
        Some(Err(error)) => return Err(FileError::Unreadable(format!("the header row is not CSV: {error}"))),
        Some(Ok(record)) => {
            let text = csv::StringRecord::from_byte_record(record)
                .map_err(|_| FileError::Unreadable("the header row is not UTF-8 text; save the file as UTF-8 CSV".into()))?;
            Header::read(text.iter()).map_err(FileError::Unreadable)?
        }
    };
    let mut parsed = ParsedFile { rows: Vec::new(), ignored_columns: header.ignored.clone() };
    let mut lines = LineCounter::default();
    for record in records {
        let row = match record {
            Err(error) => {
                let line = error.position().map_or(0, |p| lines.line_at(bytes, p.byte()));
                // Reading from memory, only a broken row gets here; what follows it cannot be trusted.
                parsed.rows.push(Err(RowError { line, reason: format!("not valid CSV: {error}") }));
                break;
            }
            Ok(record) => record,
        };
        if row.iter().all(|cell| cell.iter().all(u8::is_ascii_whitespace)) {
            continue;
        }
        if parsed.rows.len() == MAX_ROWS {
            return Err(FileError::TooLarge(format!("the file has more than {MAX_ROWS} rows")));
        }
        let line = row.position().map_or(0, |p| lines.line_at(bytes, p.byte()));
        parsed.rows.push(match csv::StringRecord::from_byte_record(row) {
            Ok(text) => read_row(&header, &text, line, order),
            Err(_) => Err(RowError { line, reason: "not UTF-8 text; save the file as UTF-8 CSV".into() }),
        });
    }
    Ok(parsed)
}

/// Checks one row; every problem found is in the reason, separated by "; ".
fn read_row(header: &Header, record: &csv::StringRecord, line: u64, order: DateOrder) -> Result<ImportRow, RowError> {
    let cell = |column: Column| -> Option<String> {
        let text = header.position(column).and_then(|at| record.get(at)).map(|c| unguard(c.trim()).trim())?;
        Some(text.to_string()).filter(|t| !t.is_empty())
    };
    let mut problems = Vec::new();
    let mut required = |column: Column, name: &str| {
        cell(column).unwrap_or_else(|| {
            problems.push(format!("{name} is empty"));
            String::new()
        })
    };
    let company = required(Column::Company, "company");
    let title = required(Column::Title, "title");
    let url = match cell(Column::Url) {
        None => {
            problems.push("a link to the posting is required (url column)".into());
            String::new()
        }
        Some(url) if !is_web_link(&url) => {
            problems.push(format!("url \"{url}\" must be an http:// or https:// link"));
            url
        }
        Some(url) => url,
    };
    let applied_at = cell(Column::AppliedAt).and_then(|text| csv_dates::parse(&text, order).map_err(|e| problems.push(e)).ok());
    let stage_text = cell(Column::Stage).unwrap_or_default();
    // A bad date still tells whether the row meant "applied": its cell was not empty.
    let stage = stage_from_text(&stage_text, cell(Column::AppliedAt).is_some()).map_err(|e| problems.push(e)).ok();
    match stage {
        Some(stage) if problems.is_empty() => Ok(ImportRow {
            line,
            company,
            title,
            url,
            stage,
            applied_at,
            notes: cell(Column::Notes),
            source: cell(Column::Source),
            location: cell(Column::Location),
        }),
        _ => Err(RowError { line, reason: problems.join("; ") }),
    }
}

fn is_web_link(text: &str) -> bool {
    url::Url::parse(text).is_ok_and(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str) -> Vec<Result<ImportRow, RowError>> {
        parse(text.as_bytes(), DateOrder::Mdy).expect("readable").rows
    }

    #[test]
    fn good_and_bad_rows_come_back_in_file_order_with_their_lines() {
        let file = "Company,Position,Link,Status,Date Applied,Notes,Salary\n\
                    Acme,Engineer,https://acme.example/jobs/1,Applied,03/05/2024,\"two\nlines\",100k\n\
                    Globex,,https://globex.example/jobs/2,,,,\n\
                    \n\
                    Initech,Analyst,ftp://initech.example/x,Dreaming,13/13/2024,,\n\
                    Umbrella,Chemist,https://umbrella.example/9,,,,\n";
        let parsed = parse(file.as_bytes(), DateOrder::Mdy).expect("readable");
        assert_eq!(parsed.ignored_columns, ["Salary"]);
        let lines: Vec<u64> = parsed.rows.iter().map(|r| r.as_ref().map_or_else(|e| e.line, |r| r.line)).collect();
        assert_eq!(lines, [2, 4, 6, 7]);
        let first = parsed.rows[0].as_ref().expect("good");
        assert_eq!((first.stage, first.notes.as_deref()), (Stage::Applied, Some("two\nlines")));
        assert_eq!(parsed.rows[1].as_ref().expect_err("no title").reason, "title is empty");
        let reason = &parsed.rows[2].as_ref().expect_err("bad").reason;
        assert!(reason.contains("http:// or https://") && reason.contains("13/13/2024") && reason.contains("Dreaming"), "{reason}");
        assert_eq!(parsed.rows[3].as_ref().expect("good").stage, Stage::Prospect);
    }

    #[test]
    fn a_row_without_a_link_is_an_error_not_an_invented_one() {
        let all = rows("Company,Title\nAcme,Engineer\n");
        assert_eq!(all[0].as_ref().expect_err("no url").reason, "a link to the posting is required (url column)");
    }

    #[test]
    fn a_bom_crlf_and_semicolons_are_read_like_plain_csv() {
        let file = "\u{feff}Employer;Role;URL;Applied\r\nAcme;Engineer;https://acme.example/1;05/03/2024\r\n";
        let parsed = parse(file.as_bytes(), DateOrder::Dmy).expect("readable");
        let row = parsed.rows[0].as_ref().expect("good");
        assert_eq!((row.company.as_str(), row.url.as_str(), row.line), ("Acme", "https://acme.example/1", 2));
        assert_eq!(row.applied_at.map(|d| d.date_naive().to_string()).as_deref(), Some("2024-03-05"));
    }

    #[test]
    fn a_file_without_a_title_column_is_refused_whole() {
        let error = parse(b"Company,Link\nAcme,https://a.example/1\n", DateOrder::Mdy).expect_err("no title");
        assert!(matches!(&error, FileError::Unreadable(why) if why.contains("title")), "{error:?}");
        assert!(matches!(parse(b"", DateOrder::Mdy), Err(FileError::Unreadable(_))));
    }

    #[test]
    fn too_many_rows_or_bytes_are_refused_naming_the_limit() {
        let mut file = String::from("Company,Title,URL\n");
        for n in 0..=MAX_ROWS {
            file.push_str(&format!("C{n},T,https://c.example/{n}\n"));
        }
        assert_eq!(parse(file.as_bytes(), DateOrder::Mdy).expect_err("rows"), FileError::TooLarge(format!("the file has more than {MAX_ROWS} rows")));
        let big = vec![b'a'; MAX_BYTES + 1];
        assert!(matches!(parse(&big, DateOrder::Mdy), Err(FileError::TooLarge(why)) if why.contains("2 MiB")));
    }

    #[test]
    fn a_row_that_is_not_utf8_is_an_error_for_that_row_only() {
        let mut file = b"Company,Title,URL\n".to_vec();
        file.extend_from_slice(b"Caf\xe9,Cook,https://cafe.example/1\nAcme,Engineer,https://acme.example/1\n");
        let all = parse(&file, DateOrder::Mdy).expect("readable").rows;
        assert_eq!(all[0].as_ref().expect_err("latin-1").reason, "not UTF-8 text; save the file as UTF-8 CSV");
        assert!(all[1].is_ok());
    }

    #[test]
    fn a_guarded_formula_cell_reads_back_without_its_apostrophe() {
        let all = rows("Company,Title,URL,Notes\n'=Acme,Engineer,https://acme.example/1,'it's fine\n");
        let row = all[0].as_ref().expect("good");
        assert_eq!((row.company.as_str(), row.notes.as_deref()), ("=Acme", Some("'it's fine")));
    }

    proptest::proptest! {
        #[test]
        fn each_row_reports_the_physical_line_it_starts_on(
            rows in proptest::collection::vec((0usize..4, proptest::bool::ANY, proptest::bool::ANY), 1..30),
        ) {
            let mut file = String::from("Company,Title,URL,Notes\r\n");
            let mut line = 2u64;
            let mut expected = Vec::new();
            for (n, (note_lines, crlf, blank_before)) in rows.iter().enumerate() {
                let end = if *crlf { "\r\n" } else { "\n" };
                if *blank_before {
                    file.push_str(end);
                    line += 1;
                }
                let notes = vec!["note"; note_lines + 1].join(end);
                file.push_str(&format!("C{n},T,https://c.example/{n},\"{notes}\"{end}"));
                expected.push(line);
                line += *note_lines as u64 + 1;
            }
            let parsed = parse(file.as_bytes(), DateOrder::Mdy).expect("readable");
            let got: Vec<u64> = parsed.rows.iter().map(|r| r.as_ref().expect("good row").line).collect();
            proptest::prop_assert_eq!(got, expected);
        }
    }
}
