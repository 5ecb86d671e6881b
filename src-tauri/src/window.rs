//! The main window's size and place: the last ones (kept in the database's settings, so a portable
//! copy leaves nothing elsewhere), always fitted into a screen that is there now: a laptop of
//! 1366×768 after a projector, or a screen unplugged since, never leaves the window off screen or
//! taller than the screen.

use std::sync::Arc;

use tauri::{Manager, PhysicalPosition, PhysicalSize, WebviewWindow};

use crate::state::AppState;

const SETTING: &str = "window";

/// A rectangle in physical pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rect {
    pub x: i32,
    pub y: i32,
    pub w: u32,
    pub h: u32,
}

impl Rect {
    fn overlap(&self, o: &Rect) -> i64 {
        let w = (self.x + self.w as i32).min(o.x + o.w as i32) - self.x.max(o.x);
        let h = (self.y + self.h as i32).min(o.y + o.h as i32) - self.y.max(o.y);
        if w > 0 && h > 0 { w as i64 * h as i64 } else { 0 }
    }
}

/// Where the window goes: the saved rectangle when most of it is on a screen's work area, else
/// `current` (the first-start size, centred on `screens[0]`); either way no larger than that work
/// area and wholly inside it.
pub fn fit(saved: Option<Rect>, current: Rect, screens: &[Rect]) -> Rect {
    let Some(first) = screens.first() else { return current };
    let (want, screen) = match saved {
        Some(s) => match screens.iter().max_by_key(|a| s.overlap(a)) {
            Some(a) if s.overlap(a) * 2 >= s.w as i64 * s.h as i64 => (s, *a),
            _ => (centred(current, first), *first),
        },
        None => (centred(current, first), *first),
    };
    let w = want.w.min(screen.w);
    let h = want.h.min(screen.h);
    let x = want.x.clamp(screen.x, screen.x + (screen.w - w) as i32);
    let y = want.y.clamp(screen.y, screen.y + (screen.h - h) as i32);
    Rect { x, y, w, h }
}

fn centred(r: Rect, on: &Rect) -> Rect {
    let x = on.x + (on.w as i32 - r.w as i32) / 2;
    let y = on.y + (on.h as i32 - r.h as i32) / 2;
    Rect { x, y, ..r }
}

fn parse(s: &str) -> Option<(Rect, bool)> {
    let v: Vec<&str> = s.split(',').collect();
    let [x, y, w, h, max] = v.as_slice() else { return None };
    let rect = Rect { x: x.parse().ok()?, y: y.parse().ok()?, w: w.parse().ok()?, h: h.parse().ok()? };
    (rect.w >= 200 && rect.h >= 200).then_some((rect, *max == "1"))
}

/// The window's content size at first start (logical pixels, as in tauri.conf.json).
const FIRST_SIZE: (f64, f64) = (1280.0, 720.0);
/// Room kept for the title bar and borders the system adds around the content (physical pixels).
const FRAME: (u32, u32) = (16, 40);

/// At start: the last size and place, fitted to the screens there are now; at a first start the
/// configured size when it fits, else as much of the screen as there is. Sizes are the content's
/// (a window not yet shown reports no reliable outer size).
pub fn restore(window: &WebviewWindow, state: &Arc<AppState>) {
    let screens: Vec<Rect> = window
        .available_monitors()
        .unwrap_or_default()
        .iter()
        .map(|m| {
            let a = m.work_area();
            let work = Rect { x: a.position.x, y: a.position.y, w: a.size.width, h: a.size.height };
            // Without a desktop that tells its work area (a bare X server) the whole screen counts.
            let whole = Rect { x: m.position().x, y: m.position().y, w: m.size().width, h: m.size().height };
            let r = if work.w >= 640 && work.h >= 480 { work } else { whole };
            Rect { w: r.w.saturating_sub(FRAME.0), h: r.h.saturating_sub(FRAME.1), ..r }
        })
        .collect();
    let scale = window.scale_factor().unwrap_or(1.0);
    let first = Rect { x: 0, y: 0, w: (FIRST_SIZE.0 * scale) as u32, h: (FIRST_SIZE.1 * scale) as u32 };
    let saved = state.db().setting(SETTING).ok().flatten().and_then(|s| parse(&s));
    let first_fits = screens.first().is_none_or(|s| first.w <= s.w && first.h <= s.h);
    if saved.is_none() && first_fits {
        return; // the configured size, centred by the system
    }
    let to = fit(saved.map(|(r, _)| r), first, &screens);
    log::info!("window placed at {to:?} (screens {screens:?})");
    let _ = window.set_size(PhysicalSize::new(to.w, to.h));
    let _ = window.set_position(PhysicalPosition::new(to.x, to.y));
    if saved.is_some_and(|(_, maximized)| maximized) {
        let _ = window.maximize();
    }
}

/// On closing: the content size and the place, for the next start.
pub fn remember(window: &tauri::Window) {
    let Some(state) = window.try_state::<Arc<AppState>>() else { return };
    let maximized = window.is_maximized().unwrap_or(false);
    let (Ok(pos), Ok(size)) = (window.outer_position(), window.inner_size()) else { return };
    let value = format!("{},{},{},{},{}", pos.x, pos.y, size.width, size.height, u8::from(maximized));
    if let Err(e) = state.db().set_setting(SETTING, &value) {
        log::warn!("window size not kept: {e}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LAPTOP: Rect = Rect { x: 0, y: 0, w: 1366, h: 728 };

    #[test]
    fn the_first_start_fits_a_1366_by_768_laptop() {
        let opened = Rect { x: 0, y: 0, w: 1280, h: 760 };
        assert_eq!(fit(None, opened, &[LAPTOP]), Rect { x: 43, y: 0, w: 1280, h: 728 });
    }

    #[test]
    fn the_last_place_is_kept_when_its_screen_is_there() {
        let saved = Rect { x: 100, y: 50, w: 1000, h: 600 };
        assert_eq!(fit(Some(saved), Rect { x: 0, y: 0, w: 1280, h: 720 }, &[LAPTOP]), saved);
    }

    #[test]
    fn a_window_left_on_a_projector_comes_back_to_the_laptop_and_fits() {
        let projector_window = Rect { x: 1400, y: 0, w: 1900, h: 1000 };
        let to = fit(Some(projector_window), Rect { x: 0, y: 0, w: 1280, h: 720 }, &[LAPTOP]);
        assert_eq!(to, Rect { x: 43, y: 4, w: 1280, h: 720 });
        let projector = Rect { x: 1366, y: 0, w: 1920, h: 1040 };
        assert_eq!(fit(Some(projector_window), to, &[LAPTOP, projector]), Rect { x: 1386, y: 0, w: 1900, h: 1000 });
    }

    #[test]
    fn a_damaged_setting_is_ignored() {
        assert_eq!(parse("10,20,1280,720,1"), Some((Rect { x: 10, y: 20, w: 1280, h: 720 }, true)));
        assert_eq!(parse("10,20,50,50,0"), None, "too small to use");
        assert_eq!(parse("x"), None);
        assert_eq!(fit(None, LAPTOP, &[]), LAPTOP, "no screen known: as opened");
    }
}
