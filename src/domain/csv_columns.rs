//! CSV import: which header names mean which column, and what other trackers' stage names mean
//! here. Headers match whatever their case, spacing or punctuation ("Job Title", "job_title").

use crate::domain::stage::Stage;

/// A column the importer reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Column {
    Company,
    Title,
    Url,
    Stage,
    AppliedAt,
    Notes,
    Source,
    Location,
}

/// Every column with the header names it goes by (as documented in docs/pipeline-csv.md).
/// The first name of each is the one the export writes.
pub const ALIASES: [(Column, &[&str]); 8] = [
    (Column::Company, &["company", "employer", "organization", "organisation", "company name"]),
    (Column::Title, &["title", "position", "role", "job title", "job", "position title", "job position"]),
    (Column::Url, &["url", "link", "job link", "posting url", "job url", "job posting url"]),
    (Column::Stage, &["stage", "status", "application status", "list"]),
    (Column::AppliedAt, &["applied_at", "date applied", "applied", "applied on", "application date", "applied date"]),
    (Column::Notes, &["notes", "comments", "note"]),
    (Column::Source, &["source"]),
    (Column::Location, &["location"]),
];

/// Only letters and digits, lowercased: "Date Applied", "date_applied" and "DATE-APPLIED " meet.
fn key(header: &str) -> String {
    header.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// The column a header names, if the importer reads it.
pub fn column_for(header: &str) -> Option<Column> {
    let wanted = key(header);
    ALIASES.iter().find(|(_, names)| names.iter().any(|n| key(n) == wanted)).map(|(column, _)| *column)
}

/// What each position of a file's header row holds.
#[derive(Debug, PartialEq, Eq)]
pub struct Header {
    /// By position: the column read from it, or none when ignored.
    pub columns: Vec<Option<Column>>,
    /// Headers that are not read (unknown, or a second header for a column already found).
    pub ignored: Vec<String>,
}

impl Header {
    /// Maps a header row; a file without a company or title column cannot be imported at all,
    /// and the error names the column with the names it may have.
    pub fn read<'a>(headers: impl IntoIterator<Item = &'a str>) -> Result<Header, String> {
        let mut columns = Vec::new();
        let mut ignored = Vec::new();
        for header in headers {
            let column = column_for(header).filter(|c| !columns.contains(&Some(*c)));
            if column.is_none() && !header.trim().is_empty() {
                ignored.push(header.trim().to_string());
            }
            columns.push(column);
        }
        for required in [Column::Company, Column::Title] {
            if !columns.contains(&Some(required)) {
                let names = ALIASES.iter().find(|(c, _)| *c == required).map(|(_, n)| n.join(", ")).unwrap_or_default();
                return Err(format!("the header row has no {} column (accepted names: {names})", names.split(',').next().unwrap_or("")));
            }
        }
        Ok(Header { columns, ignored })
    }

    /// Where a column is, if the file has it.
    pub fn position(&self, column: Column) -> Option<usize> {
        self.columns.iter().position(|c| *c == Some(column))
    }
}

/// Other trackers' stage names, by [`key`]; the stage names themselves are read by [`Stage`].
const STAGE_NAMES: [(&str, Stage); 30] = [
    ("wishlist", Stage::Prospect),
    ("saved", Stage::Prospect),
    ("bookmarked", Stage::Prospect),
    ("interested", Stage::Prospect),
    ("todo", Stage::Prospect),
    ("notapplied", Stage::Prospect),
    ("notappliedyet", Stage::Prospect),
    ("submitted", Stage::Applied),
    ("applying", Stage::Applied),
    ("phonescreen", Stage::Screen),
    ("screening", Stage::Screen),
    ("recruiterscreen", Stage::Screen),
    ("recruitercall", Stage::Screen),
    ("interviewing", Stage::Interview),
    ("onsite", Stage::Interview),
    ("technicalinterview", Stage::Interview),
    ("finalround", Stage::Interview),
    ("offered", Stage::Offer),
    ("offerreceived", Stage::Offer),
    ("negotiating", Stage::Offer),
    ("declined", Stage::Rejected),
    ("withdrawn", Stage::Rejected),
    ("withdrew", Stage::Rejected),
    ("ghosted", Stage::Rejected),
    ("noresponse", Stage::Rejected),
    ("notselected", Stage::Rejected),
    ("closed", Stage::Rejected),
    ("hired", Stage::Accepted),
    ("accepted", Stage::Accepted),
    ("offeraccepted", Stage::Accepted),
];

/// The stage a row's stage text means. Empty means "applied" when the row has an applied
/// date (it was applied to) and "prospect" otherwise; unknown text is an error listing what
/// is understood.
pub fn stage_from_text(text: &str, has_date: bool) -> Result<Stage, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(if has_date { Stage::Applied } else { Stage::Prospect });
    }
    if let Ok(stage) = text.parse::<Stage>() {
        return Ok(stage);
    }
    let wanted = key(text);
    STAGE_NAMES.iter().find(|(name, _)| *name == wanted).map(|(_, stage)| *stage).ok_or_else(|| {
        format!(
            "stage \"{text}\" is not known; use one of: {} (or another tracker's name such as Wishlist, Phone screen, Onsite, Ghosted, Hired)",
            Stage::allowed()
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_match_in_any_case_spacing_or_punctuation() {
        for (header, column) in [
            ("Company", Column::Company),
            ("EMPLOYER", Column::Company),
            (" Company Name ", Column::Company),
            ("Organization", Column::Company),
            ("Position", Column::Title),
            ("job_title", Column::Title),
            ("Role", Column::Title),
            ("Job Link", Column::Url),
            ("Posting-URL", Column::Url),
            ("Status", Column::Stage),
            ("Date Applied", Column::AppliedAt),
            ("applied_at", Column::AppliedAt),
            ("Applied On", Column::AppliedAt),
            ("Comments", Column::Notes),
            ("Source", Column::Source),
            ("Location", Column::Location),
        ] {
            assert_eq!(column_for(header), Some(column), "{header}");
        }
        assert_eq!(column_for("Salary"), None);
        assert_eq!(column_for(""), None);
    }

    #[test]
    fn unknown_and_repeated_headers_are_reported_as_ignored() {
        let header = Header::read(["Employer", "Salary", "Role", "Title", ""]).expect("readable");
        assert_eq!(header.columns, [Some(Column::Company), None, Some(Column::Title), None, None]);
        assert_eq!(header.ignored, ["Salary", "Title"]);
        assert_eq!(header.position(Column::Title), Some(2));
        assert_eq!(header.position(Column::Url), None);
    }

    #[test]
    fn a_header_without_company_or_title_names_the_missing_column() {
        let error = Header::read(["Company", "Status"]).expect_err("no title");
        assert!(error.contains("no title column"), "{error}");
        assert!(error.contains("Position") || error.contains("position"), "{error}");
        let error = Header::read(["Title"]).expect_err("no company");
        assert!(error.contains("no company column"), "{error}");
    }

    #[test]
    fn other_trackers_stage_names_map_to_the_closest_stage() {
        for (text, stage) in [
            ("Wishlist", Stage::Prospect),
            ("Bookmarked", Stage::Prospect),
            ("Applied", Stage::Applied),
            ("submitted", Stage::Applied),
            ("Phone Screen", Stage::Screen),
            ("Interviewing", Stage::Interview),
            ("On-site", Stage::Interview),
            ("Offer", Stage::Offer),
            ("Ghosted", Stage::Rejected),
            ("No response", Stage::Rejected),
            ("Withdrawn", Stage::Rejected),
            ("Hired", Stage::Accepted),
        ] {
            assert_eq!(stage_from_text(text, false), Ok(stage), "{text}");
        }
    }

    #[test]
    fn an_empty_stage_is_applied_with_a_date_and_prospect_without() {
        assert_eq!(stage_from_text(" ", true), Ok(Stage::Applied));
        assert_eq!(stage_from_text("", false), Ok(Stage::Prospect));
    }

    #[test]
    fn an_unknown_stage_lists_the_allowed_values() {
        let error = stage_from_text("Dreaming", true).expect_err("unknown");
        assert!(error.contains("\"Dreaming\"") && error.contains(&Stage::allowed()), "{error}");
    }
}
