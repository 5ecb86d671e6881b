//! A survey period as written in the data (`2026-S1`, `2026-TW3`, `2026`, FORMATS.md §7) and as
//! a report says it ("Semester I Tahun 2026").

use crate::format_id::roman;

/// "Semester I Tahun 2026", "Triwulan III Tahun 2026", "Tahun 2026"; any other period as written.
pub fn period_in_words(period: &str) -> String {
    let p = period.trim();
    let (year, part) = p.split_once('-').unwrap_or((p, ""));
    if year.len() != 4 || !year.chars().all(|c| c.is_ascii_digit()) {
        return p.to_string();
    }
    let part = part.to_ascii_uppercase();
    let numbered = |prefix: &str, max: u32| {
        part.strip_prefix(prefix).and_then(|n| n.parse::<u32>().ok()).filter(|n| (1..=max).contains(n))
    };
    if part.is_empty() {
        format!("Tahun {year}")
    } else if let Some(n) = numbered("TW", 4) {
        format!("Triwulan {} Tahun {year}", roman(n))
    } else if let Some(n) = numbered("S", 2) {
        format!("Semester {} Tahun {year}", roman(n))
    } else {
        p.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::period_in_words;

    #[test]
    fn periods_read_in_words() {
        assert_eq!(period_in_words("2026-S1"), "Semester I Tahun 2026");
        assert_eq!(period_in_words("2026-tw3"), "Triwulan III Tahun 2026");
        assert_eq!(period_in_words("2026"), "Tahun 2026");
        assert_eq!(period_in_words("2026-TW5"), "2026-TW5", "no fifth quarter: as written");
        assert_eq!(period_in_words("Januari–Juni 2026"), "Januari–Juni 2026");
    }
}
