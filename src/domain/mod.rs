//! Pure types and rules: no SQL, no HTTP.

pub mod calendar;
pub mod csv_columns;
pub mod csv_dates;
pub mod csv_export;
pub mod csv_import;
pub mod description;
pub mod fit;
pub mod email;
pub mod event;
pub mod html_text;
pub mod normalize;
pub mod outreach;
pub mod password;
pub mod posting;
pub mod posting_url;
pub mod profile;
pub mod reminder;
pub mod remote_text;
pub mod salary_estimate;
pub mod secret;
pub mod salary_text;
pub mod search_filters;
pub mod skills;
pub mod stage;
pub mod task;
pub mod upload;
