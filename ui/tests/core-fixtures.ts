// What the app's commands return for the demo ("Buka contoh") with a few scores, paper entries and a
// merge, written by the core itself (crates/core/tests/it/ui_fixtures.rs, same serde as the commands;
// record ids read "id-1", "id-2", …). Typed with the bindings generated from the same Rust types.
// Rewrite them with `UPDATE_UI_FIXTURES=1 cargo test -p juri-core --test it ui_fixtures`.
import type { Competition } from '../src/lib/bindings/Competition';
import type { Dashboard } from '../src/lib/bindings/Dashboard';
import type { InnovationDetail } from '../src/lib/bindings/InnovationDetail';
import type { PackageReport } from '../src/lib/bindings/PackageReport';
import type { PaperSheet } from '../src/lib/bindings/PaperSheet';
import type { PaperSheetRow } from '../src/lib/bindings/PaperSheetRow';
import type { ScoreSheet } from '../src/lib/bindings/ScoreSheet';
import type { DocumentSettingsView } from '../src/lib/bindings/DocumentSettingsView';
import competitionJson from './fixtures/competition.json';
import dashboardJson from './fixtures/dashboard.json';
import documentSettingsJson from './fixtures/document-settings.json';
import innovationDetailJson from './fixtures/innovation-detail.json';
import limitsJson from './fixtures/limits.json';
import mergeAgainJson from './fixtures/merge-again.json';
import mergeReportsJson from './fixtures/merge-reports.json';
import paperSheetJson from './fixtures/paper-sheet.json';
import paperSheetsJson from './fixtures/paper-sheets.json';
import scoreSheetJson from './fixtures/score-sheet.json';

/** get_competition: the demo competition (desk stage 0–100, venue stage 0–10). */
export const competition = competitionJson as Competition;
/** score_sheet of J1 for P-001, desk stage: three aspects scored, a comment saved. */
export const scoreSheet = scoreSheetJson as ScoreSheet;
/** paper_sheet of J2 for P-004, desk stage: typed twice; kebaruan differs, keberlanjutan left blank once. */
export const paperSheet = paperSheetJson as PaperSheet;
/** paper_sheets of J2, desk stage: the status list. */
export const paperSheets = paperSheetsJson as PaperSheetRow[];
/** innovation_detail of ANTRI SEHAT (INV-001), with an indicator whose targets span 2025–2026. */
export const innovationDetail = innovationDetailJson as InnovationDetail;
/** monitoring_dashboard of the demo on 2026-11-23, the quarter left to the core. */
export const dashboard = dashboardJson as Dashboard;
/** save_document_settings with the dates and the letterhead's address filled in. */
export const documentSettings = documentSettingsJson as DocumentSettingsView;
/** apply_merge of J1's package (a conflict, a comment), J2's (one event refused) and a tampered copy. */
export const mergeReports = mergeReportsJson as PackageReport[];
/** apply_merge of J1's package once more. */
export const mergeAgain = mergeAgainJson as PackageReport[];
/** The core's limits the UI checks before sending (juri_core::limits). */
export const limits = limitsJson;
/** export_kit of J1: the `.jurikit` as written (its key blanked). */
