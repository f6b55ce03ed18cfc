//! Pure types and rules: no SQL, no HTTP.

pub mod email;
pub mod password;
pub mod posting;
pub mod profile;
