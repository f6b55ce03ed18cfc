//! Helpers shared by the parser's integration tests.
pub mod score;
