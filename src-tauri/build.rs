fn main() {
    // Every app command gets an allow-/deny- permission; capabilities/ grants only these.
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(&[
        "app_info",
        "set_language",
        "list_competitions",
        "get_competition",
        "active_competition",
        "open_competition",
        "list_templates",
        "template_setup",
        "create_competition",
        "update_competition",
        "export_setup",
        "import_setup",
        "list_proposals",
        "add_proposal",
        "update_proposal",
        "remove_proposal",
        "set_proposal_status",
        "proposal_history",
        "preview_proposals_import",
        "import_proposals",
        "cancel_import",
        "backup_database",
        "restore_pick",
        "restore_apply",
        "open_demo",
    ])))
    .expect("tauri build step");
}
