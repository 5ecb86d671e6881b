//! Text matching rules shared by every import: case-insensitive, trimmed, inner whitespace collapsed.

/// The key two user-typed names are compared by (FORMATS.md §8).
pub fn match_key(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// Trims and collapses inner whitespace, keeping the case as typed (names are never re-cased).
pub fn tidy(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Parses a decimal written with a comma or a point ("87,5", "87.5"); thousands separators are not accepted.
pub fn parse_decimal(s: &str) -> Option<f64> {
    let t = s.trim();
    if t.is_empty() || t.contains(',') && t.contains('.') {
        return None;
    }
    let v: f64 = if t.contains(',') { t.replace(',', ".").parse().ok()? } else { t.parse().ok()? };
    v.is_finite().then_some(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn match_key_folds_case_and_whitespace() {
        assert_eq!(match_key("  Dinas   KESEHATAN \t"), "dinas kesehatan");
        assert_eq!(match_key("Nur'aini"), "nur'aini");
    }

    #[test]
    fn decimals_with_comma_or_point() {
        assert_eq!(parse_decimal("87,5"), Some(87.5));
        assert_eq!(parse_decimal(" 87.5 "), Some(87.5));
        assert_eq!(parse_decimal("1.234,5"), None, "thousands dots are ambiguous");
        assert_eq!(parse_decimal("abc"), None);
        assert_eq!(parse_decimal(""), None);
        assert_eq!(parse_decimal("NaN"), None);
    }
}
