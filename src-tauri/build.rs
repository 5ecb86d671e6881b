//! The app's commands come from one list, `commands.txt`: the invoke handler (`generate_handler!`
//! in `$OUT_DIR/invoke_handler.rs`, included by main.rs) and an allow-/deny- permission per command
//! (capabilities/ grants only these) are made from it here.

fn main() {
    println!("cargo:rerun-if-changed=commands.txt");
    let list = std::fs::read_to_string("commands.txt").expect("commands.txt beside Cargo.toml");
    let paths: Vec<&str> = list.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).collect();
    let handler = format!(
        "tauri::generate_handler![\n{}\n]\n",
        paths.iter().map(|p| format!("    commands::{p},")).collect::<Vec<_>>().join("\n")
    );
    let out = std::path::Path::new(&std::env::var("OUT_DIR").expect("set by cargo")).join("invoke_handler.rs");
    std::fs::write(out, handler).expect("OUT_DIR is writable");
    // The permission names are the commands' own names (the part after the module).
    let names: &'static [&'static str] = Box::leak(
        paths
            .iter()
            .map(|p| &*Box::leak(p.rsplit("::").next().expect("module::command").to_string().into_boxed_str()))
            .collect::<Vec<&'static str>>()
            .into_boxed_slice(),
    );
    tauri_build::try_build(
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(names)),
    )
    .expect("tauri build step");
}
