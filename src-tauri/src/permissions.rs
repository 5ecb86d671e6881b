//! What the webview may ask of the laptop: on a judge's laptop the camera, to scan the venue hub's
//! QR code; nothing else, and nothing on the organiser's (microphone, location, notifications,
//! screen capture are refused without a prompt). The page is our own UI under a strict CSP.

use tauri::webview::{PermissionKind, PermissionResponse};

pub fn answer(kind: PermissionKind, judge_laptop: bool) -> PermissionResponse {
    match kind {
        PermissionKind::Camera if judge_laptop => PermissionResponse::Allow,
        _ => PermissionResponse::Deny,
    }
}

/// WebKitGTK keeps `getUserMedia` off unless the web view's settings turn it on.
#[cfg(target_os = "linux")]
pub fn enable_camera(window: &tauri::WebviewWindow) {
    let done = window.with_webview(|w| {
        use webkit2gtk::{SettingsExt, WebViewExt};
        if let Some(settings) = WebViewExt::settings(&w.inner()) {
            settings.set_enable_media_stream(true);
            // The end-to-end tests' stand-in for a webcam (WebKit's own test pattern): a machine
            // without a camera can then check that the camera opens.
            if std::env::var_os("JURI_MOCK_CAMERA").is_some() {
                settings.set_enable_mock_capture_devices(true);
            }
        }
    });
    if let Err(e) = done {
        log::warn!("camera not enabled in the web view: {e}");
    }
}

#[cfg(not(target_os = "linux"))]
pub fn enable_camera(_window: &tauri::WebviewWindow) {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_camera_is_allowed_and_only_on_a_judges_laptop() {
        assert!(matches!(answer(PermissionKind::Camera, true), PermissionResponse::Allow));
        assert!(matches!(answer(PermissionKind::Camera, false), PermissionResponse::Deny));
        for kind in [
            PermissionKind::Microphone,
            PermissionKind::Geolocation,
            PermissionKind::Notifications,
            PermissionKind::DisplayCapture,
            PermissionKind::ClipboardRead,
        ] {
            assert!(matches!(answer(kind, true), PermissionResponse::Deny));
        }
    }
}
