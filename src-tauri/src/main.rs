//! Juri desktop: opens the database, installs the plugins and hands the UI its commands.
//! The domain lives in juri-core; each command here forwards one call.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod command_list;
mod commands;
mod permissions;
mod save;
mod state;
mod window;

use std::path::PathBuf;
use std::sync::Arc;

use tauri::Manager;
use tauri_plugin_log::{RotationStrategy, Target, TargetKind};

/// `--data-dir DIR` (or `--data-dir=DIR`) wins, then `JURI_DATA_DIR`, then a portable copy's
/// `JuriData` folder beside the program; unknown arguments are ignored.
fn data_dir_from_args() -> Option<PathBuf> {
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--data-dir" {
            return args.next().map(PathBuf::from);
        }
        if let Some(v) = a.strip_prefix("--data-dir=") {
            return Some(PathBuf::from(v));
        }
    }
    std::env::var_os("JURI_DATA_DIR")
        .map(PathBuf::from)
        .or_else(|| std::env::current_exe().ok().and_then(|exe| juri_core::db::portable_data_dir(&exe)))
}

/// Windows: Juri started again (a kit or a package double-clicked while it runs) hands its file to
/// the running window, which takes it as a file Juri was started with, instead of a second Juri
/// opening the same data.
#[cfg(windows)]
fn second_start(app: &tauri::AppHandle, argv: Vec<String>, _cwd: String) {
    use tauri::Emitter;
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.set_focus();
    }
    let Some(path) = juri_core::sync::launch_file_in_args(argv.into_iter().skip(1)) else { return };
    if let Some(state) = app.try_state::<Arc<state::AppState>>() {
        *state.launch_file.lock().unwrap_or_else(|p| p.into_inner()) = Some(path);
        let _ = app.emit("launch-file", ());
    }
}

/// When the process started: the UI's first call is logged against it (cold-start benchmark).
pub static STARTED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

fn main() {
    STARTED.get_or_init(std::time::Instant::now);
    let explicit_dir = data_dir_from_args();
    let log_target = match &explicit_dir {
        Some(dir) => TargetKind::Folder { path: dir.join("logs"), file_name: Some("juri".into()) },
        None => TargetKind::LogDir { file_name: Some("juri".into()) },
    };
    let log = tauri_plugin_log::Builder::new()
        .targets([Target::new(log_target), Target::new(TargetKind::Stderr)])
        .level(log::LevelFilter::Info)
        .max_file_size(2_000_000)
        .rotation_strategy(RotationStrategy::KeepSome(5))
        .build();

    let builder = tauri::Builder::default();
    // First, so that a second start ends before it opens anything.
    #[cfg(windows)]
    let builder = builder.plugin(tauri_plugin_single_instance::init(second_start));
    builder
        .plugin(log)
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .on_permission_request(|webview, kind| {
            let judge_laptop = webview.try_state::<Arc<state::AppState>>().is_some_and(|s| s.is_judge_laptop());
            permissions::answer(kind, judge_laptop)
        })
        .setup(move |app| {
            let data_dir = match &explicit_dir {
                Some(d) => d.clone(),
                None => app.path().app_data_dir()?,
            };
            let log_dir = match &explicit_dir {
                Some(d) => d.join("logs"),
                None => app.path().app_log_dir()?,
            };
            let state = match state::AppState::open(data_dir, log_dir) {
                Ok(state) => state,
                Err(why) => {
                    // Said in a dialog, never a crash: the user learns which file and why, and the
                    // app ends (exit 2) once they close it. Nothing was written to the file.
                    use tauri_plugin_dialog::{DialogExt, MessageDialogKind};
                    eprintln!("{why}");
                    app.dialog()
                        .message(why)
                        .title("Juri: basis data tidak dapat dibuka")
                        .kind(MessageDialogKind::Error)
                        .show(|_| std::process::exit(2));
                    return Ok(());
                }
            };
            log::info!("Juri {} started; database {}", env!("CARGO_PKG_VERSION"), state.db_path.display());
            let state = Arc::new(state);
            if let Some(main) = app.get_webview_window("main") {
                window::restore(&main, &state);
                permissions::enable_camera(&main);
            }
            app.manage(state);
            // A judge laptop's automatic push to the organiser's hub (idle until it is set up).
            tauri::async_runtime::spawn(commands::venue::pusher(app.handle().clone()));
            Ok(())
        })
        .on_window_event(|w, event| {
            if let tauri::WindowEvent::CloseRequested { .. } = event {
                window::remember(w);
            }
        })
        .invoke_handler(include!(concat!(env!("OUT_DIR"), "/invoke_handler.rs")))
        .run(tauri::generate_context!())
        .expect("Juri could not start");
}
