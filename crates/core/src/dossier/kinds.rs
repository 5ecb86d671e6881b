//! What an evidence file is: its type from the name's ending, checked against the first bytes of
//! its content (a renamed file is refused), and the media type it is shown and saved with.

/// The file's ending, lower case, `jpeg` written as `jpg`; None without one.
pub fn file_type(name: &str) -> Option<String> {
    let (stem, ext) = name.rsplit_once('.')?;
    if stem.is_empty() || ext.is_empty() {
        return None;
    }
    let ext = ext.to_ascii_lowercase();
    Some(if ext == "jpeg" { "jpg".into() } else { ext })
}

/// How many first bytes [`content_matches`] needs.
pub const HEAD_BYTES: usize = 16;

/// Whether the first bytes of a file are what its type says. Types without a known signature
/// (plain text and the like) are not checked.
pub fn content_matches(file_type: &str, head: &[u8]) -> bool {
    let starts = |sig: &[u8]| head.starts_with(sig);
    let at = |offset: usize, sig: &[u8]| head.get(offset..offset + sig.len()) == Some(sig);
    const OLE: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    match file_type {
        "pdf" => starts(b"%PDF-"),
        "jpg" => starts(&[0xFF, 0xD8, 0xFF]),
        "png" => starts(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]),
        "gif" => starts(b"GIF87a") || starts(b"GIF89a"),
        "webp" => starts(b"RIFF") && at(8, b"WEBP"),
        "xlsx" | "docx" | "pptx" | "zip" | "odt" | "ods" | "odp" => starts(b"PK\x03\x04"),
        "doc" | "xls" | "ppt" => starts(OLE),
        "mp4" | "m4v" | "mov" | "3gp" => at(4, b"ftyp") || at(4, b"moov") || at(4, b"mdat") || at(4, b"wide"),
        "mp3" => starts(b"ID3") || (head.len() >= 2 && head[0] == 0xFF && head[1] & 0xE0 == 0xE0),
        _ => true,
    }
}

/// Whether an evidence file of this type may be handed to the laptop's own program for it (a
/// judge's "open with another program"). Only documents, pictures and media that cannot carry
/// code their program runs: not the older Office formats (macros), archives, pages or scripts.
pub fn opens_with_other_program(file_type: &str) -> bool {
    matches!(
        file_type,
        "pdf"
            | "jpg"
            | "png"
            | "gif"
            | "webp"
            | "xlsx"
            | "docx"
            | "pptx"
            | "odt"
            | "ods"
            | "odp"
            | "mp4"
            | "m4v"
            | "mov"
            | "3gp"
            | "mp3"
            | "txt"
            | "csv"
    )
}

/// The media type a file is shown and saved with.
pub fn mime_type(file_type: &str) -> &'static str {
    match file_type {
        "pdf" => "application/pdf",
        "jpg" => "image/jpeg",
        "png" => "image/png",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "pptx" => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "doc" => "application/msword",
        "xls" => "application/vnd.ms-excel",
        "ppt" => "application/vnd.ms-powerpoint",
        "mp4" | "m4v" => "video/mp4",
        "mov" => "video/quicktime",
        "mp3" => "audio/mpeg",
        "txt" => "text/plain",
        "csv" => "text/csv",
        "zip" => "application/zip",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_type_is_its_ending_and_its_first_bytes() {
        assert_eq!(file_type("SK Bupati.PDF").as_deref(), Some("pdf"));
        assert_eq!(file_type("foto.jpeg").as_deref(), Some("jpg"));
        assert_eq!(file_type(".hidden"), None);
        assert_eq!(file_type("tanpa-akhiran"), None);
        assert!(content_matches("pdf", b"%PDF-1.7\n"));
        assert!(!content_matches("pdf", b"\xFF\xD8\xFF\xE0"), "a JPEG named .pdf");
        assert!(content_matches("jpg", b"\xFF\xD8\xFF\xE0"));
        assert!(!content_matches("png", b"%PDF-1.7"));
        assert!(content_matches("xlsx", b"PK\x03\x04\x14\x00"));
        assert!(!content_matches("docx", b"<html>"));
        assert!(content_matches("mp4", b"\x00\x00\x00\x20ftypisom"));
        assert!(!content_matches("mp4", b"\x00\x00"), "too short to be a video");
        assert!(opens_with_other_program("docx") && opens_with_other_program("mp4"));
        for risky in ["doc", "xlsm", "zip", "exe", "html", "svg", "js", "bat", "lnk"] {
            assert!(!opens_with_other_program(risky), "{risky} is only saved");
        }
        assert_eq!(mime_type("pdf"), "application/pdf");
        assert_eq!(mime_type("weird"), "application/octet-stream");
    }
}
