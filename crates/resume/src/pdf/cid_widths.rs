//! Mends CID fonts' `/W` width arrays before `pdf-extract` reads them.
//!
//! The PDF spec (9.7.4.3) allows two forms in one `/W` array: `c [w1 w2 …]` (consecutive codes)
//! and `c_first c_last w` (one width for a range). `pdf-extract` 0.12 reads only the first form
//! correctly: for the second it takes the wrong operands and leaves every such glyph without a
//! width. PDFs written by typst (and other tools) use the range form for every glyph, so their
//! glyphs all land on one x and a line reads scrambled. Rewriting each range as the list form
//! gives the library what it reads correctly, without changing what the file says.

use pdf_extract::{Document, Object};

/// Longest range expanded (a hostile `0 4000000000 500` must not allocate gigabytes).
const MAX_RANGE: i64 = 65_536;

/// Rewrites every CID font's `/W` array in `doc` into the list form.
pub fn normalize(doc: &mut Document) {
    for object in doc.objects.values_mut() {
        let Ok(dict) = object.as_dict_mut() else { continue };
        let is_cid_font = dict.get(b"Subtype").and_then(Object::as_name).is_ok_and(|n| n == b"CIDFontType0" || n == b"CIDFontType2");
        if !is_cid_font {
            continue;
        }
        if let Ok(Object::Array(widths)) = dict.get_mut(b"W") {
            if let Some(list) = as_list_form(widths) {
                *widths = list;
            }
        }
    }
}

/// The list form of a `/W` array, or `None` when it holds no range (or is malformed, which is
/// left for the library to judge). Indirect width arrays are left as they are.
fn as_list_form(widths: &[Object]) -> Option<Vec<Object>> {
    let mut out = Vec::with_capacity(widths.len());
    let mut changed = false;
    let mut i = 0;
    while i < widths.len() {
        let first = widths[i].as_i64().ok()?;
        match widths.get(i + 1)? {
            Object::Array(list) => {
                out.push(Object::Integer(first));
                out.push(Object::Array(list.clone()));
                i += 2;
            }
            last => {
                let last = last.as_i64().ok()?;
                let width = widths.get(i + 2)?.clone();
                if last < first || last - first > MAX_RANGE {
                    return None;
                }
                out.push(Object::Integer(first));
                out.push(Object::Array(vec![width; (last - first + 1) as usize]));
                changed = true;
                i += 3;
            }
        }
    }
    changed.then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ints(values: &[i64]) -> Vec<Object> {
        values.iter().map(|&v| Object::Integer(v)).collect()
    }

    #[test]
    fn ranges_become_lists_with_the_last_code_included() {
        let w = ints(&[0, 0, 500, 3, 5, 250]);
        let list = as_list_form(&w).expect("has ranges");
        assert_eq!(list[0], Object::Integer(0));
        assert_eq!(list[1], Object::Array(ints(&[500])));
        assert_eq!(list[2], Object::Integer(3));
        assert_eq!(list[3], Object::Array(ints(&[250, 250, 250])));
    }

    #[test]
    fn the_list_form_is_left_alone_and_both_forms_can_mix() {
        assert!(as_list_form(&[Object::Integer(1), Object::Array(ints(&[400, 410]))]).is_none());
        let mixed = vec![Object::Integer(1), Object::Array(ints(&[400])), Object::Integer(7), Object::Integer(8), Object::Integer(300)];
        let list = as_list_form(&mixed).expect("has a range");
        assert_eq!(list[3], Object::Array(ints(&[300, 300])));
    }

    #[test]
    fn malformed_or_huge_ranges_are_not_expanded() {
        assert!(as_list_form(&ints(&[5, 2, 100])).is_none(), "backwards");
        assert!(as_list_form(&ints(&[0, 4_000_000_000, 500])).is_none(), "huge");
        assert!(as_list_form(&ints(&[0, 1])).is_none(), "cut short");
    }
}
