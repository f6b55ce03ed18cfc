//! What an uploaded file is allowed to be: its real type read from its first bytes (never the
//! name or the type the client claims), its kind, and a file name safe to send back.

use crate::error::FieldError;

/// What a user may say a file is; generated artifacts have other kinds of their own.
pub const KINDS: &[&str] = &["offer_letter", "take_home", "cover_letter", "other"];

/// Types accepted, by the MIME type sniffed from the content. Documents and pictures of them:
/// nothing a browser or an OS would run.
const ALLOWED: &[&str] = &[
    "application/pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/msword",
    "application/vnd.oasis.opendocument.text",
    "application/rtf",
    "image/png",
    "image/jpeg",
    TEXT,
];

const TEXT: &str = "text/plain; charset=utf-8";

/// Longest file name kept (bytes of UTF-8), as file systems allow.
const NAME_MAX: usize = 255;

/// The kind named by the client, `other` when none is.
pub fn kind(given: Option<&str>) -> Result<&'static str, FieldError> {
    let given = given.map(str::trim).filter(|k| !k.is_empty()).unwrap_or("other");
    KINDS
        .iter()
        .find(|k| **k == given)
        .copied()
        .ok_or_else(|| FieldError::new("kind", format!("must be one of: {}", KINDS.join(", "))))
}

/// The content's real MIME type if it is on the allow-list; otherwise what it was found to be.
/// An executable named `offer.pdf` is still an executable.
pub fn sniff(bytes: &[u8]) -> Result<&'static str, FieldError> {
    let refuse = |found: &str| {
        FieldError::new("file", format!("files of type {found} are not accepted; upload a PDF, Word, OpenDocument, RTF, PNG, JPEG or plain-text file"))
    };
    if let Some(found) = executable(bytes) {
        return Err(refuse(found));
    }
    if let Some(found) = infer::get(bytes) {
        let found = match found.mime_type() {
            "application/zip" => office_document(bytes).unwrap_or("application/zip"),
            other => other,
        };
        return ALLOWED.iter().find(|allowed| **allowed == found).copied().ok_or_else(|| refuse(found));
    }
    if is_plain_text(bytes) {
        return Ok(TEXT);
    }
    Err(refuse("application/octet-stream"))
}

/// Word and OpenDocument text files by their entries. `infer` names them only when the zip's
/// first entries say so, and many writers (python-docx, LibreOffice, some Word versions) put
/// `[Content_Types].xml`, `_rels/` or `docProps/` first: such a real DOCX read as a plain zip.
fn office_document(bytes: &[u8]) -> Option<&'static str> {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).ok()?;
    if archive.index_for_name("word/document.xml").is_some() && archive.index_for_name("[Content_Types].xml").is_some() {
        return Some("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    }
    let mut mimetype = String::new();
    archive.by_name("mimetype").ok()?.take(100).read_to_string(&mut mimetype).ok()?;
    (mimetype.trim() == "application/vnd.oasis.opendocument.text" && archive.index_for_name("content.xml").is_some())
        .then_some("application/vnd.oasis.opendocument.text")
}

/// Programs by their first bytes alone: `infer` wants a whole header (52 bytes for ELF) before
/// it names one, and a truncated executable is no more welcome than a whole one.
fn executable(bytes: &[u8]) -> Option<&'static str> {
    const SIGNATURES: &[(&[u8], &str)] = &[
        (b"\x7fELF", "application/x-executable"),
        (b"MZ", "application/vnd.microsoft.portable-executable"),
        (b"\xfe\xed\xfa\xce", "application/x-mach-binary"),
        (b"\xfe\xed\xfa\xcf", "application/x-mach-binary"),
        (b"\xce\xfa\xed\xfe", "application/x-mach-binary"),
        (b"\xcf\xfa\xed\xfe", "application/x-mach-binary"),
        (b"\xca\xfe\xba\xbe", "application/x-mach-binary"),
        (b"#!", "text/x-shellscript"),
    ];
    SIGNATURES.iter().find(|(magic, _)| bytes.starts_with(magic)).map(|(_, found)| *found)
}

/// Notes and markdown: UTF-8 without NULs (scripts were refused before).
fn is_plain_text(bytes: &[u8]) -> bool {
    !bytes.is_empty() && !bytes.contains(&0) && std::str::from_utf8(bytes).is_ok()
}

/// The file name to keep: its last path component, without control characters, quotes or
/// backslashes, trimmed, at most 255 bytes; `file` when nothing is left.
pub fn clean_name(given: &str) -> String {
    let last = given.rsplit(['/', '\\']).next().unwrap_or("");
    let cleaned: String = last.chars().filter(|c| !c.is_control() && !matches!(c, '"' | '\\')).collect();
    let mut name = cleaned.trim().trim_start_matches('.').trim().to_string();
    while name.len() > NAME_MAX {
        name.pop();
    }
    if name.is_empty() { "file".to_string() } else { name }
}

/// `Content-Disposition: attachment` for a cleaned name (RFC 6266): an ASCII fallback for old
/// clients and the exact name as `filename*` in UTF-8.
pub fn content_disposition(name: &str) -> String {
    let ascii: String = name.chars().map(|c| if c.is_ascii_graphic() || c == ' ' { c } else { '_' }).collect();
    let ascii = ascii.replace(['"', '\\', ';'], "_");
    let encoded = percent_encoding::utf8_percent_encode(name, ATTR_CHAR);
    format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")
}

/// RFC 5987 `attr-char`: everything else is percent-encoded.
const ATTR_CHAR: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'!')
    .remove(b'#')
    .remove(b'$')
    .remove(b'&')
    .remove(b'+')
    .remove(b'-')
    .remove(b'.')
    .remove(b'^')
    .remove(b'_')
    .remove(b'`')
    .remove(b'|')
    .remove(b'~');

/// A size for people: "812 B", "14.2 KiB", "3.1 MiB".
pub fn human_size(bytes: i64) -> String {
    const KIB: f64 = 1024.0;
    let b = bytes as f64;
    if b < KIB {
        format!("{bytes} B")
    } else if b < KIB * KIB {
        format!("{:.1} KiB", b / KIB)
    } else {
        format!("{:.1} MiB", b / KIB / KIB)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_docx_whose_first_entries_are_not_word_parts_is_still_a_docx_and_a_plain_zip_is_not() {
        let fixture = |name: &str| std::fs::read(format!("{}/crates/resume/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))).expect("fixture");
        for name in ["bad-empty.docx", "accountant.docx"] {
            assert_eq!(super::sniff(&fixture(name)), Ok("application/vnd.openxmlformats-officedocument.wordprocessingml.document"), "{name}");
        }
        let mut plain = Vec::new();
        {
            let mut writer = zip::ZipWriter::new(std::io::Cursor::new(&mut plain));
            writer.start_file("notes.txt", zip::write::SimpleFileOptions::default()).expect("entry");
            std::io::Write::write_all(&mut writer, b"hello").expect("write");
            writer.finish().expect("finish");
        }
        assert!(super::sniff(&plain).is_err(), "a zip of other files is refused");
    }

    use super::*;

    #[test]
    fn executables_are_refused_whatever_they_are_called() {
        let elf = b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x02\0\x3e\0";
        let pe = b"MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff\0\0";
        for (bytes, found) in [(&elf[..], "application/x-executable"), (&pe[..], "application/vnd.microsoft.portable-executable")] {
            let error = sniff(bytes).expect_err("refused");
            assert_eq!(error.field.as_deref(), Some("file"));
            assert!(error.detail.contains(found), "{}", error.detail);
        }
        assert!(sniff(b"#!/bin/sh\nrm -rf ~\n").is_err());
        assert!(sniff(b"#!/weird/interpreter\n").is_err(), "any #! line is a script");
    }

    #[test]
    fn documents_pictures_and_text_are_accepted_by_their_content() {
        assert_eq!(sniff(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"), Ok("application/pdf"));
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), Ok("image/png"));
        assert_eq!(sniff("Take-home: build a URL shortener — due Friday.\n".as_bytes()), Ok(TEXT));
        assert!(sniff(b"text with a \0 NUL").is_err());
        assert!(sniff(b"<html><script>alert(1)</script></html>").is_err(), "HTML is not plain text");
    }

    #[test]
    fn kinds_default_to_other_and_unknown_ones_name_the_field() {
        assert_eq!(kind(None), Ok("other"));
        assert_eq!(kind(Some(" offer_letter ")), Ok("offer_letter"));
        assert_eq!(kind(Some("resume_pdf")).expect_err("generated kinds are not uploads").field.as_deref(), Some("kind"));
    }

    #[test]
    fn names_lose_paths_control_characters_and_quotes() {
        assert_eq!(clean_name("C:\\Users\\ada\\offer \"final\".pdf"), "offer final.pdf");
        assert_eq!(clean_name("../../etc/passwd"), "passwd");
        assert_eq!(clean_name("a\r\nb.txt"), "ab.txt");
        assert_eq!(clean_name("/"), "file");
        assert_eq!(clean_name(&"é".repeat(200)).len(), 254, "cut on a character boundary");
    }

    #[test]
    fn content_disposition_has_an_ascii_fallback_and_the_exact_name() {
        assert_eq!(
            content_disposition("Angebot Müller; v2.pdf"),
            "attachment; filename=\"Angebot M_ller_ v2.pdf\"; filename*=UTF-8''Angebot%20M%C3%BCller%3B%20v2.pdf"
        );
    }

    #[test]
    fn sizes_read_in_binary_units() {
        assert_eq!(human_size(812), "812 B");
        assert_eq!(human_size(14_540), "14.2 KiB");
        assert_eq!(human_size(3 * 1024 * 1024 + 100_000), "3.1 MiB");
    }
}
