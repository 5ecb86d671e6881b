//! Reading the venue hub's address from a picture of its QR code: a camera frame or a photo the
//! judge chose. The webview decodes the image and hands over its greyscale pixels (one byte each,
//! rows top to bottom); the picture is bounded before anything reads it, and only a QR text that is
//! a hub address (ADDR:PORT) is taken.

use crate::error::{Error, InputProblem, Result, shown};

/// The largest picture read, in pixels (a 2,000 × 2,000 photo): the UI scales larger ones down.
pub const MAX_PICTURE_PIXELS: usize = 4_000_000;

/// The hub address in the picture's QR code.
pub fn hub_address_from_picture(width: u32, height: u32, luma: &[u8]) -> Result<String> {
    let (w, h) = (width as usize, height as usize);
    let no_code = || Error::InvalidInput { field: "kode_qr", problem: InputProblem::NoQrCode };
    // Pixels that do not match the size, or too many, are not a picture this reads.
    if w == 0 || h == 0 || w.checked_mul(h) != Some(luma.len()) || luma.len() > MAX_PICTURE_PIXELS {
        return Err(no_code());
    }
    // The decoder is not ours: a picture that trips it is a picture without a readable code.
    let texts = std::panic::catch_unwind(|| {
        let mut img = rqrr::PreparedImage::prepare_from_greyscale(w, h, |x, y| luma[y * w + x]);
        img.detect_grids().iter().filter_map(|g| g.decode().ok()).map(|(_, text)| text).collect::<Vec<_>>()
    })
    .map_err(|_| no_code())?;
    // The hub's code may share the picture with another (a chat's link): the address wins.
    if let Some(address) = texts.iter().map(|t| t.trim()).find(|t| t.parse::<std::net::SocketAddr>().is_ok()) {
        return Ok(address.to_string());
    }
    let other = texts.first().ok_or_else(no_code)?;
    Err(Error::InvalidInput { field: "kode_qr", problem: InputProblem::BadHubAddress(shown(other.trim())) })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A camera-like frame: a light grey page with the hub's QR code drawn at `scale` pixels per
    /// module somewhere in it, a little noise over everything.
    fn frame(text: &str, w: usize, h: usize, scale: usize, at: (usize, usize)) -> Vec<u8> {
        let code = qrcode::QrCode::new(text.as_bytes()).unwrap();
        let n = code.width();
        let colors = code.to_colors();
        let mut px = vec![205u8; w * h];
        let quiet = 4 * scale;
        for y in 0..n * scale + 2 * quiet {
            for x in 0..n * scale + 2 * quiet {
                px[(at.1 + y) * w + at.0 + x] = 235;
            }
        }
        for (i, c) in colors.iter().enumerate() {
            if *c == qrcode::Color::Dark {
                let (mx, my) = (i % n, i / n);
                for dy in 0..scale {
                    for dx in 0..scale {
                        px[(at.1 + quiet + my * scale + dy) * w + at.0 + quiet + mx * scale + dx] = 35;
                    }
                }
            }
        }
        let mut seed = 7u64;
        for p in &mut px {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            *p = p.saturating_add((seed >> 61) as u8).saturating_sub(3);
        }
        px
    }

    fn problem(r: Result<String>) -> InputProblem {
        match r {
            Err(Error::InvalidInput { field: "kode_qr", problem }) => problem,
            other => panic!("expected a refusal of the picture, got {other:?}"),
        }
    }

    #[test]
    fn the_hubs_qr_code_in_a_camera_frame_gives_its_address() {
        let px = frame("192.168.43.1:7878", 640, 480, 5, (200, 90));
        assert_eq!(hub_address_from_picture(640, 480, &px).unwrap(), "192.168.43.1:7878");
        let px = frame("[fe80::1]:7878", 800, 600, 3, (10, 20));
        assert_eq!(hub_address_from_picture(800, 600, &px).unwrap(), "[fe80::1]:7878");
    }

    #[test]
    fn beside_another_code_the_hubs_address_is_the_one_taken() {
        let (w, h) = (900, 400);
        let link = frame("https://wa.me/6281234567890", w, h, 4, (40, 60));
        let hub = frame("10.0.0.5:7878", w, h, 4, (520, 80));
        // Both codes on one page: each frame's code kept where it was drawn.
        let px: Vec<u8> =
            link.iter().zip(&hub).enumerate().map(|(i, (a, b))| if i % w < 470 { *a } else { *b }).collect();
        assert_eq!(hub_address_from_picture(w as u32, h as u32, &px).unwrap(), "10.0.0.5:7878");
        // The link alone in the same place is read (so both codes are there to be found).
        let left: Vec<u8> = link.iter().enumerate().map(|(i, a)| if i % w < 470 { *a } else { 205 }).collect();
        assert!(matches!(problem(hub_address_from_picture(w as u32, h as u32, &left)), InputProblem::BadHubAddress(_)));
    }

    #[test]
    fn a_picture_without_a_code_or_with_another_text_is_refused_with_the_reason() {
        let blank = vec![128u8; 320 * 240];
        assert_eq!(problem(hub_address_from_picture(320, 240, &blank)), InputProblem::NoQrCode);
        let px = frame("https://wa.me/6281234567890", 640, 480, 4, (100, 60));
        assert_eq!(
            problem(hub_address_from_picture(640, 480, &px)),
            InputProblem::BadHubAddress("https://wa.me/6281234567890".into())
        );
    }

    #[test]
    fn pixels_that_do_not_match_the_size_or_too_many_are_refused_before_reading() {
        assert_eq!(problem(hub_address_from_picture(10, 10, &[0u8; 99])), InputProblem::NoQrCode);
        assert_eq!(problem(hub_address_from_picture(0, 0, &[])), InputProblem::NoQrCode);
        assert_eq!(problem(hub_address_from_picture(u32::MAX, u32::MAX, &[0u8; 16])), InputProblem::NoQrCode);
        let big = vec![255u8; MAX_PICTURE_PIXELS + 1];
        assert_eq!(problem(hub_address_from_picture(MAX_PICTURE_PIXELS as u32 + 1, 1, &big)), InputProblem::NoQrCode);
    }

    #[test]
    fn random_pictures_never_panic_and_never_give_an_address() {
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = || {
            seed = seed.wrapping_add(0x9e37_79b9_7f4a_7c15);
            let mut z = seed;
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            z ^ (z >> 31)
        };
        for _ in 0..300 {
            let (w, h) = (1 + (next() % 96) as usize, 1 + (next() % 96) as usize);
            // Blocks of black and white, which look more like finder patterns than flat noise.
            let block = 1 + (next() % 4) as usize;
            let cells: Vec<u8> =
                (0..(w / block + 1) * (h / block + 1)).map(|_| if next() % 2 == 0 { 0 } else { 255 }).collect();
            let px: Vec<u8> = (0..w * h).map(|i| cells[(i / w / block) * (w / block + 1) + (i % w) / block]).collect();
            assert!(hub_address_from_picture(w as u32, h as u32, &px).is_err());
        }
    }
}
