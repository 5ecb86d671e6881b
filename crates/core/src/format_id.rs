//! Indonesian formatting: "17 Desember 2020", "Kamis", "87,45", "1.234", numbers in words.

const MONTHS: [&str; 12] = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
];
const DAYS: [&str; 7] = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"];

/// "17 Desember 2020" (no leading zero).
pub fn date_long(d: time::Date) -> String {
    format!("{} {} {}", d.day(), MONTHS[d.month() as usize - 1], d.year())
}

/// "Kamis".
pub fn day_name(d: time::Date) -> &'static str {
    DAYS[d.weekday().number_days_from_monday() as usize]
}

/// "Kamis, 17 Desember 2020".
pub fn date_with_day(d: time::Date) -> String {
    format!("{}, {}", day_name(d), date_long(d))
}

/// A number with a decimal comma and thousands dots, rounded half away from zero to `decimals`.
pub fn decimal(v: f64, decimals: usize) -> String {
    let s = format!("{:.*}", decimals, round_half_up(v, decimals as i32));
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i.to_string(), Some(f.to_string())),
        None => (s, None),
    };
    let (sign, digits) = int.strip_prefix('-').map(|d| ("-", d)).unwrap_or(("", int.as_str()));
    let mut grouped = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push('.');
        }
        grouped.push(ch);
    }
    match frac {
        Some(f) => format!("{sign}{grouped},{f}"),
        None => format!("{sign}{grouped}"),
    }
}

/// A number as typed, with a decimal comma and no rounding: 87.5 → "87,5", 10 → "10".
pub fn decimal_plain(v: f64) -> String {
    format!("{v}").replace('.', ",")
}

/// Rounds half away from zero at `decimals` places, correcting for binary representation (87,445 → 87,45).
pub fn round_half_up(v: f64, decimals: i32) -> f64 {
    let f = 10f64.powi(decimals);
    let scaled = v * f;
    let nudged = scaled + scaled.signum() * 1e-9 * scaled.abs().max(1.0);
    nudged.round() / f
}

/// A whole number in Indonesian words: 17 → "tujuh belas", 2020 → "dua ribu dua puluh".
pub fn words(n: u64) -> String {
    const ONES: [&str; 12] =
        ["nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan", "sepuluh", "sebelas"];
    fn go(n: u64) -> String {
        match n {
            0..=11 => ONES[n as usize].to_string(),
            12..=19 => format!("{} belas", ONES[(n - 10) as usize]),
            20..=99 => join(format!("{} puluh", ONES[(n / 10) as usize]), n % 10),
            100..=199 => join("seratus".into(), n - 100),
            200..=999 => join(format!("{} ratus", ONES[(n / 100) as usize]), n % 100),
            1_000..=1_999 => join("seribu".into(), n - 1000),
            2_000..=999_999 => join(format!("{} ribu", go(n / 1000)), n % 1000),
            1_000_000..=999_999_999 => join(format!("{} juta", go(n / 1_000_000)), n % 1_000_000),
            _ => join(format!("{} miliar", go(n / 1_000_000_000)), n % 1_000_000_000),
        }
    }
    fn join(head: String, rest: u64) -> String {
        if rest == 0 { head } else { format!("{head} {}", go(rest)) }
    }
    go(n)
}

/// A count with its words in brackets, as in official letters: 12 → "12 (dua belas)".
pub fn count_with_words(n: u64) -> String {
    format!("{} ({})", decimal(n as f64, 0), words(n))
}

/// A civil-servant number grouped 8-6-1-3 as printed under signatures: "19720110 199803 1 006".
/// Anything that is not 18 digits (after removing spaces) is returned tidied, as typed.
pub fn nip(s: &str) -> String {
    let digits: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    if digits.len() == 18 && digits.chars().all(|c| c.is_ascii_digit()) {
        format!("{} {} {} {}", &digits[..8], &digits[8..14], &digits[14..15], &digits[15..])
    } else {
        crate::text::tidy(s)
    }
}

/// Roman numerals for places: 1 → "I", 4 → "IV" ("Juara I", "Juara II", ...).
pub fn roman(n: u32) -> String {
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut n = n;
    let mut out = String::new();
    for (v, s) in TABLE {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

/// The month name: 9 → "September".
pub fn month_name(month: time::Month) -> &'static str {
    MONTHS[month as usize - 1]
}

/// "Pada hari ini Kamis tanggal tujuh belas bulan Desember tahun dua ribu dua puluh".
pub fn date_in_words(d: time::Date) -> String {
    format!(
        "Pada hari ini {} tanggal {} bulan {} tahun {}",
        day_name(d),
        words(d.day() as u64),
        MONTHS[d.month() as usize - 1],
        words(d.year() as u64)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn dates() {
        assert_eq!(date_long(date!(2020 - 12 - 17)), "17 Desember 2020");
        assert_eq!(date_with_day(date!(2020 - 12 - 17)), "Kamis, 17 Desember 2020");
        assert_eq!(date_long(date!(2026 - 09 - 04)), "4 September 2026");
        assert_eq!(
            date_in_words(date!(2020 - 12 - 17)),
            "Pada hari ini Kamis tanggal tujuh belas bulan Desember tahun dua ribu dua puluh"
        );
        assert_eq!(
            date_in_words(date!(2026 - 09 - 24)),
            "Pada hari ini Kamis tanggal dua puluh empat bulan September tahun dua ribu dua puluh enam"
        );
    }

    #[test]
    fn numbers() {
        assert_eq!(decimal(87.445, 2), "87,45");
        assert_eq!(decimal(74.5625, 2), "74,56");
        assert_eq!(decimal(1234.0, 0), "1.234");
        assert_eq!(decimal(1_500_000.0, 2), "1.500.000,00");
        assert_eq!(decimal(-1234.5, 1), "-1.234,5");
        assert_eq!(words(11), "sebelas");
        assert_eq!(words(100), "seratus");
        assert_eq!(words(1000), "seribu");
        assert_eq!(words(12), "dua belas");
        assert_eq!(words(111), "seratus sebelas");
        assert_eq!(words(2026), "dua ribu dua puluh enam");
        assert_eq!(words(1_001_000), "satu juta seribu");
        assert_eq!(count_with_words(12), "12 (dua belas)");
        assert_eq!(count_with_words(1234), "1.234 (seribu dua ratus tiga puluh empat)");
    }

    #[test]
    fn nip_and_roman() {
        assert_eq!(nip("197201101998031006"), "19720110 199803 1 006");
        assert_eq!(nip(" 19720110 199803 1 006 "), "19720110 199803 1 006");
        assert_eq!(nip("12345"), "12345", "not a NIP: printed as typed");
        assert_eq!(nip(""), "");
        assert_eq!(roman(1), "I");
        assert_eq!(roman(3), "III");
        assert_eq!(roman(4), "IV");
        assert_eq!(roman(9), "IX");
        assert_eq!(roman(14), "XIV");
        assert_eq!(month_name(time::Month::October), "Oktober");
    }
}
