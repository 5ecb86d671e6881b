// The only module that talks to the Tauri shell. Screens import these functions, never @tauri-apps/api.
// Outside Tauri (a plain browser) nothing answers: every call is refused, and main.ts shows a page
// saying that Juri runs as the desktop app instead of the screens.
import { invoke, Channel } from '@tauri-apps/api/core';
import { listen } from '@tauri-apps/api/event';
import type { AppInfo } from '../bindings/AppInfo';
import type { AppMode } from '../bindings/AppMode';
import type { Competition } from '../bindings/Competition';
import type { DocumentSettings } from '../bindings/DocumentSettings';
import type { TieDecision } from '../bindings/TieDecision';
import type { TieView } from '../bindings/TieView';
import type { ReliabilityView } from '../bindings/ReliabilityView';
import type { VenueHubView } from '../bindings/VenueHubView';
import type { VenuePushStatus } from '../bindings/VenuePushStatus';
import type { CompetitionSummary } from '../bindings/CompetitionSummary';
import type { HistoryEntry } from '../bindings/HistoryEntry';
import type { ImportSummary } from '../bindings/ImportSummary';
import type { Judge } from '../bindings/Judge';
import type { JudgeInput } from '../bindings/JudgeInput';
import type { JudgeProgress } from '../bindings/JudgeProgress';
import type { ProjectorBoard } from '../bindings/ProjectorBoard';
import type { ForwardingImport } from '../bindings/ForwardingImport';
import type { ForwardingOverview } from '../bindings/ForwardingOverview';
import type { ForwardingLevel } from '../bindings/ForwardingLevel';
import type { Lang } from '../bindings/Lang';
import type { Scope } from '../bindings/Scope';
import type { LaunchFile } from '../bindings/LaunchFile';
import type { MergeConflict } from '../bindings/MergeConflict';
import type { OpenedKit } from '../bindings/OpenedKit';
import type { PackageFile } from '../bindings/PackageFile';
import type { PackageReport } from '../bindings/PackageReport';
import type { PaperEntryInput } from '../bindings/PaperEntryInput';
import type { PaperKey } from '../bindings/PaperKey';
import type { PaperSheet } from '../bindings/PaperSheet';
import type { PaperSheetRow } from '../bindings/PaperSheetRow';
import type { Progress } from '../bindings/Progress';
import type { PresentationSlot } from '../bindings/PresentationSlot';
import type { Proposal } from '../bindings/Proposal';
import type { ProposalFilter } from '../bindings/ProposalFilter';
import type { ProposalImportPreview } from '../bindings/ProposalImportPreview';
import type { ProposalInput } from '../bindings/ProposalInput';
import type { RecapView } from '../bindings/RecapView';
import type { RestoreCandidate } from '../bindings/RestoreCandidate';
import type { SavedScore } from '../bindings/SavedScore';
import type { ScoreImportSummary } from '../bindings/ScoreImportSummary';
import type { ScoreSheet } from '../bindings/ScoreSheet';
import type { ScreeningStatus } from '../bindings/ScreeningStatus';
import type { Setup } from '../bindings/Setup';
import type { TemplateInfo } from '../bindings/TemplateInfo';
import type { WorkItem } from '../bindings/WorkItem';
import type { Dashboard } from '../bindings/Dashboard';
import type { DashboardQuery } from '../bindings/DashboardQuery';
import type { Evaluation } from '../bindings/Evaluation';
import type { EvaluationInput } from '../bindings/EvaluationInput';
import type { EvidenceInfo } from '../bindings/EvidenceInfo';
import type { Forwarding } from '../bindings/Forwarding';
import type { ForwardingInput } from '../bindings/ForwardingInput';
import type { IkmImportSummary } from '../bindings/IkmImportSummary';
import type { IkmResponseInput } from '../bindings/IkmResponseInput';
import type { IkmResult } from '../bindings/IkmResult';
import type { IkmSurvey } from '../bindings/IkmSurvey';
import type { Indicator } from '../bindings/Indicator';
import type { IndicatorInput } from '../bindings/IndicatorInput';
import type { Innovation } from '../bindings/Innovation';
import type { InnovationDetail } from '../bindings/InnovationDetail';
import type { InnovationFilter } from '../bindings/InnovationFilter';
import type { InnovationInput } from '../bindings/InnovationInput';
import type { InnovationQuarterStatus } from '../bindings/InnovationQuarterStatus';
import type { MonitoringFile } from '../bindings/MonitoringFile';
import type { MonitoringImportPreview } from '../bindings/MonitoringImportPreview';
import type { PromoteRequest } from '../bindings/PromoteRequest';
import type { PromoteSummary } from '../bindings/PromoteSummary';
import type { QuarterlyReport } from '../bindings/QuarterlyReport';
import type { ReportInput } from '../bindings/ReportInput';
import type { Unit } from '../bindings/Unit';
import type { UnitInput } from '../bindings/UnitInput';
import type { DossierImportSummary } from '../bindings/DossierImportSummary';
import type { DossierView } from '../bindings/DossierView';
import type { CriterionNote } from '../bindings/CriterionNote';
import type { KitCheck } from '../bindings/KitCheck';
import type { KitStatus } from '../bindings/KitStatus';
import type { ProposalFindings } from '../bindings/ProposalFindings';
import type { MonitoringReportRequest } from '../monitoring';
import type { DocumentRequest, DocumentSettingsView, SavedDocument } from '../documents';
import { translate } from '../i18n';
import { toApiError } from './errors';

export { toApiError, isApiError } from './errors';

/** Calls a command and rejects with an ApiError only. */
async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(cmd, args);
  } catch (e) {
    throw toApiError(e);
  }
}

/** A channel for a command's progress (its messages dropped when nobody listens). */
function progressChannel(onProgress?: (p: Progress) => void): Channel<Progress> {
  const channel = new Channel<Progress>();
  channel.onmessage = onProgress ?? (() => {});
  return channel;
}

export const tauriApi = {
  appInfo: () => call<AppInfo>('app_info'),
  setLanguage: (lang: Lang) => call<void>('set_language', { lang }),

  listCompetitions: () => call<CompetitionSummary[]>('list_competitions'),
  getCompetition: (id: string) => call<Competition>('get_competition', { id }),
  activeCompetition: () => call<string | null>('active_competition'),
  openCompetition: (id: string) => call<Competition>('open_competition', { id }),
  listTemplates: () => call<TemplateInfo[]>('list_templates'),
  templateSetup: (code: string, name: string, year: number) =>
    call<Setup>('template_setup', { code, name, year }),
  createCompetition: (setup: Setup) => call<Competition>('create_competition', { setup }),
  updateCompetition: (id: string, setup: Setup) => call<Competition>('update_competition', { id, setup }),
  exportSetup: (id: string) => call<string | null>('export_setup', { id }),
  importSetup: (text: string) => call<Competition>('import_setup', { text }),
  /** The demo as a newcomer sees it (desk stage scored, a finished 2025), or `unscored` to practise. */
  openDemo: (unscored?: boolean) => call<Competition>('open_demo', { unscored: unscored ?? false }),

  listProposals: (competitionId: string, filter: ProposalFilter) =>
    call<Proposal[]>('list_proposals', { competitionId, filter }),
  addProposal: (competitionId: string, input: ProposalInput) =>
    call<Proposal>('add_proposal', { competitionId, input }),
  updateProposal: (id: string, input: ProposalInput) => call<Proposal>('update_proposal', { id, input }),
  removeProposal: (id: string, reason: string) => call<void>('remove_proposal', { id, reason }),
  setProposalStatus: (id: string, status: ScreeningStatus, reason: string) =>
    call<Proposal>('set_proposal_status', { id, status, reason }),
  proposalHistory: (id: string) => call<HistoryEntry[]>('proposal_history', { id }),
  previewProposalsImport: (competitionId: string, bytes: number[]) =>
    call<ProposalImportPreview>('preview_proposals_import', { competitionId, bytes }),
  importProposals: (competitionId: string, bytes: number[], onProgress: (p: Progress) => void) => {
    const channel = new Channel<Progress>();
    channel.onmessage = onProgress;
    return call<ImportSummary>('import_proposals', { competitionId, bytes, onProgress: channel });
  },
  cancelImport: () => call<void>('cancel_import'),

  /** A proposal's dossier: sections in setup order, video links, evidence files, findings. */
  dossierView: (competitionId: string, proposal: string) => call<DossierView>('dossier_view', { competitionId, proposal }),
  /** Every proposal's screening findings (over the word limit, missing section, no files). */
  screeningFindings: (competitionId: string) => call<ProposalFindings[]>('screening_findings', { competitionId }),
  /** The proposals a forwarding of `scope` carries and what the next level will reject in them. */
  forwardingOverview: (competitionId: string, scope: Scope, codes: string[]) =>
    call<ForwardingOverview>('forwarding_overview', { competitionId, scope, codes }),
  /** Native save dialog, then the forwarding ZIP (evidence streamed, progress in KB); null when cancelled. */
  exportForwarding: (competitionId: string, scope: Scope, codes: string[], level: ForwardingLevel, onProgress?: (p: Progress) => void) =>
    call<string | null>('export_forwarding', { competitionId, scope, codes, level, onProgress: progressChannel(onProgress) }),
  /** Native dialog for forwarding ZIPs (several at once); their names (the shell keeps the paths); empty when cancelled. */
  pickForwardingZips: () => call<string[]>('pick_forwarding_zips'),
  /** What importing the picked forwarding ZIPs would add, per ZIP; nothing is kept. */
  previewForwardingImport: (competitionId: string) => call<ForwardingImport[]>('preview_forwarding_import', { competitionId }),
  /** Imports the picked forwarding ZIPs in one transaction (progress in KB; cancelImport stops it). */
  importForwardings: (competitionId: string, onProgress?: (p: Progress) => void) =>
    call<ForwardingImport[]>('import_forwardings', { competitionId, onProgress: progressChannel(onProgress) }),
  /** Native dialog for the dossier folder (or a ZIP); the shell keeps the path. Its name, or null. */
  pickDossierSource: (zip: boolean) => call<string | null>('pick_dossier_source', { zip }),
  previewDossierImport: (competitionId: string) => call<DossierImportSummary>('preview_dossier_import', { competitionId }),
  /** One transaction; progress in kilobytes; cancelImport stops it and nothing is kept. */
  importDossiers: (competitionId: string, onProgress: (p: Progress) => void) => {
    const channel = new Channel<Progress>();
    channel.onmessage = onProgress;
    return call<DossierImportSummary>('import_dossiers', { competitionId, onProgress: channel });
  },
  /** An evidence file's bytes, for the in-app viewer. */
  dossierFile: async (competitionId: string, proposal: string, sha256: string): Promise<Uint8Array> =>
    new Uint8Array(await call<ArrayBuffer>('dossier_file', { competitionId, proposal, sha256 })),
  /** Staff type or paste one section (empty clears it). */
  saveDossierSection: (competitionId: string, proposal: string, section: string, text: string) =>
    call<DossierView>('save_dossier_section', { competitionId, proposal, section, text }),
  saveDossierVideos: (competitionId: string, proposal: string, videos: string[]) =>
    call<DossierView>('save_dossier_videos', { competitionId, proposal, videos }),
  /** A small file dropped on the window; section '' is the whole proposal. */
  addDossierFile: (competitionId: string, proposal: string, section: string, name: string, bytes: number[]) =>
    call<DossierView>('add_dossier_file', { competitionId, proposal, section, name, bytes }),
  removeDossierFile: (competitionId: string, proposal: string, sha256: string) =>
    call<DossierView>('remove_dossier_file', { competitionId, proposal, sha256 }),
  /** Native dialog for evidence files (several at once), streamed from disk; null when cancelled. */
  pickDossierFiles: (competitionId: string, proposal: string, section: string) =>
    call<DossierView | null>('pick_dossier_files', { competitionId, proposal, section }),
  /** Saves an evidence file where the user picks (to open it with another program); null when cancelled. */
  saveDossierFile: (competitionId: string, proposal: string, sha256: string) =>
    call<string | null>('save_dossier_file', { competitionId, proposal, sha256 }),
  /** Opens a copy of an evidence file with the laptop's own program (types that could run code are
   *  refused by the core); the copy's file name. */
  openDossierFileOutside: (competitionId: string, proposal: string, sha256: string) =>
    call<string>('open_dossier_file_outside', { competitionId, proposal, sha256 }),

  listJudges: (competitionId: string) => call<Judge[]>('list_judges', { competitionId }),
  saveJudge: (competitionId: string, input: JudgeInput) => call<Judge[]>('save_judge', { competitionId, input }),
  removeJudge: (competitionId: string, code: string) => call<void>('remove_judge', { competitionId, code }),
  importJudges: (competitionId: string, bytes: number[]) => call<ImportSummary>('import_judges', { competitionId, bytes }),
  importScores: (competitionId: string, bytes: number[]) =>
    call<ScoreImportSummary>('import_scores', { competitionId, bytes }),
  judgeProgress: (competitionId: string, stage: string) => call<JudgeProgress[]>('judge_progress', { competitionId, stage }),
  projectorBoard: (competitionId: string, stage: string) => call<ProjectorBoard>('projector_board', { competitionId, stage }),
  judgeWorklist: (competitionId: string, stage: string, judge: string) =>
    call<WorkItem[]>('judge_worklist', { competitionId, stage, judge }),
  scoreSheet: (competitionId: string, stage: string, judge: string, proposal: string) =>
    call<ScoreSheet>('score_sheet', { competitionId, stage, judge, proposal }),
  /** Resolves only after the value is committed durably; rejects with invalid_input, stage_locked or sheet_final. */
  saveScore: (competitionId: string, stage: string, judge: string, proposal: string, criterion: string, value: number) =>
    call<SavedScore>('save_score', { competitionId, stage, judge, proposal, criterion, value }),
  setSheetFinal: (competitionId: string, judge: string, stage: string, isFinal: boolean) =>
    call<void>('set_sheet_final', { competitionId, judge, stage, isFinal }),
  lockStage: (competitionId: string, stage: string) => call<void>('lock_stage', { competitionId, stage }),
  unlockStage: (competitionId: string, stage: string, reason: string) =>
    call<void>('unlock_stage', { competitionId, stage, reason }),
  presentationOrder: (competitionId: string, stage: string, category: string) =>
    call<PresentationSlot[]>('presentation_order', { competitionId, stage, category }),
  setPresentationOrder: (competitionId: string, stage: string, codes: string[]) =>
    call<void>('set_presentation_order', { competitionId, stage, codes }),
  drawPresentationOrder: (competitionId: string, stage: string, category: string) =>
    call<PresentationSlot[]>('draw_presentation_order', { competitionId, stage, category }),
  /** viewer null = the organiser; a judge code = that judge's view. */
  getRecap: (competitionId: string, viewer: string | null) => call<RecapView>('get_recap', { competitionId, viewer }),
  reliability: (competitionId: string, viewer: string | null) => call<ReliabilityView>('reliability', { competitionId, viewer }),
  venueAddresses: () => call<string[]>('venue_addresses'),
  venueHubStatus: (competitionId: string) => call<VenueHubView>('venue_hub_status', { competitionId }),
  venueHubStart: (competitionId: string, listen: string) => call<VenueHubView>('venue_hub_start', { competitionId, listen }),
  venueHubStop: (competitionId: string) => call<VenueHubView>('venue_hub_stop', { competitionId }),
  venuePushStatus: () => call<VenuePushStatus>('venue_push_status'),
  venuePushConfigure: (address: string | null) => call<VenuePushStatus>('venue_push_configure', { address }),
  venueScanPicture: (width: number, height: number, luma: Uint8Array) =>
    call<string | null>('venue_scan_picture', { width, height, luma: Array.from(luma) }),
  markDiscussed: (competitionId: string, stage: string, proposal: string) =>
    call<void>('mark_discussed', { competitionId, stage, proposal }),
  /** Saves (or with '' clears) the judge's comment on a sheet; resolves after the durable commit. */
  saveComment: (competitionId: string, stage: string, judge: string, proposal: string, comment: string) =>
    call<void>('save_comment', { competitionId, stage, judge, proposal, comment }),
  /** The judge's private notes per criterion (kept on this laptop, never in a package). */
  sheetNotes: (competitionId: string, stage: string, judge: string, proposal: string) =>
    call<CriterionNote[]>('sheet_notes', { competitionId, stage, judge, proposal }),
  /** Saves one private note; an empty text removes it. */
  saveNote: (competitionId: string, stage: string, judge: string, proposal: string, criterion: string, text: string) =>
    call<void>('save_note', { competitionId, stage, judge, proposal, criterion, text }),

  documentSettings: (competitionId: string) => call<DocumentSettingsView>('document_settings', { competitionId }),
  saveDocumentSettings: (competitionId: string, settings: DocumentSettings) =>
    call<DocumentSettingsView>('save_document_settings', { competitionId, settings }),
  /** The ties at winners' places and the plenary's decisions on them. */
  tieOverview: (competitionId: string) => call<TieView[]>('tie_overview', { competitionId }),
  /** Records the plenary's order of a tie and its reason (the core checks both). */
  recordTieDecision: (competitionId: string, decision: TieDecision) =>
    call<TieView[]>('record_tie_decision', { competitionId, decision }),
  /** A PNG or JPEG the user picked; null removes the logo. */
  setDocumentLogo: (competitionId: string, bytes: number[] | null) =>
    call<DocumentSettingsView>('set_document_logo', { competitionId, bytes }),
  /** The document's PDF bytes, for the preview; nothing is written. */
  previewDocument: async (competitionId: string, request: DocumentRequest): Promise<Uint8Array> =>
    new Uint8Array(await call<ArrayBuffer>('preview_document', { competitionId, request })),
  /** Makes the document, then the native save dialog (a folder for one file per recipient); null when cancelled. */
  saveDocument: (competitionId: string, request: DocumentRequest, onProgress: (p: Progress) => void) => {
    const channel = new Channel<Progress>();
    channel.onmessage = onProgress;
    return call<SavedDocument | null>('save_document', { competitionId, request, onProgress: channel });
  },
  /** Stops the certificate batch being saved; it rejects with `cancelled` and writes nothing. */
  cancelDocuments: () => call<void>('cancel_documents'),

  /** judge set = this laptop is that judge's laptop, opened from a kit. */
  appMode: () => call<AppMode>('app_mode'),
  /** Native save dialog, then writes a judge's kit (evidence streamed); progress in KB when asked; cancelImport stops it. */
  exportKit: (competitionId: string, judge: string, onProgress?: (p: Progress) => void) =>
    call<string | null>('export_kit', { competitionId, judge, onProgress: progressChannel(onProgress) }),
  /** Opens a kit (this laptop becomes that judge's laptop); `overData` when the user confirmed on a laptop that holds data (copied aside first). */
  openKit: (bytes: number[], overData: boolean) => call<OpenedKit>('open_kit', { bytes, overData }),
  /** Native dialog for a kit; what it is and whether it fits this laptop (the shell keeps the path). */
  pickKit: () => call<KitCheck | null>('pick_kit'),
  /** The kit or package Juri was started with (a double-clicked file), once; null when none. */
  takeLaunchFile: () => call<LaunchFile | null>('take_launch_file'),
  /** What a dropped kit is and whether it fits this laptop; nothing is opened. */
  checkKit: (bytes: number[]) => call<KitCheck>('check_kit', { bytes }),
  /** Opens the picked kit, streamed from disk (kits with evidence can be large). */
  openPickedKit: (overData: boolean, onProgress?: (p: Progress) => void) =>
    call<OpenedKit>('open_picked_kit', { overData, onProgress: progressChannel(onProgress) }),
  /** Every judge's last kit and whether it still holds what a kit would now (else: export a new one). */
  kitStatus: (competitionId: string) => call<KitStatus[]>('kit_status', { competitionId }),
  /** Judge laptops only: native save dialog, then writes the signed `.jurinilai` package; null when cancelled. */
  exportPackage: () => call<string | null>('export_package'),
  /** Dry run of a merge: nothing changes. */
  previewMerge: (competitionId: string, files: PackageFile[]) => call<PackageReport[]>('preview_merge', { competitionId, files }),
  /** One transaction; refused packages contribute nothing. */
  applyMerge: (competitionId: string, files: PackageFile[]) => call<PackageReport[]>('apply_merge', { competitionId, files }),
  listConflicts: (competitionId: string) => call<MergeConflict[]>('list_conflicts', { competitionId }),
  resolveConflict: (eventId: string, takePackage: boolean) => call<void>('resolve_conflict', { eventId, takePackage }),

  /** The judge's list for a stage with the status of each paper sheet (organiser's laptop). */
  paperSheets: (competitionId: string, stage: string, judge: string) =>
    call<PaperSheetRow[]>('paper_sheets', { competitionId, stage, judge }),
  paperSheet: (competitionId: string, key: PaperKey) => call<PaperSheet>('paper_sheet', { competitionId, key }),
  /** One typing (entry 1 or 2); reconciles the sheet at once when both entries agree. Rejects with paper_entry, invalid_input, stage_locked. */
  savePaperEntry: (competitionId: string, input: PaperEntryInput) => call<PaperSheet>('save_paper_entry', { competitionId, input }),
  /** Staff pick one of the two typed values where the entries differ, with their name and why. */
  resolvePaperDifference: (competitionId: string, key: PaperKey, criterion: string, value: number, staff: string, reason: string) =>
    call<PaperSheet>('resolve_paper_difference', { competitionId, key, criterion, value, staff, reason }),
  /** The decision on a paper value that differs from the judge's digital score. */
  resolvePaperConflict: (competitionId: string, key: PaperKey, criterion: string, takePaper: boolean, staff: string, reason: string) =>
    call<PaperSheet>('resolve_paper_conflict', { competitionId, key, criterion, takePaper, staff, reason }),

  backupDatabase: () => call<string | null>('backup_database'),
  restorePick: () => call<RestoreCandidate | null>('restore_pick'),
  restoreApply: () => call<string>('restore_apply'),

  // Monitoring and evaluation of innovations, and IKM (organiser's laptop; no competition needed).
  listUnits: () => call<Unit[]>('list_units'),
  addUnit: (input: UnitInput) => call<Unit>('add_unit', { input }),
  updateUnit: (id: string, input: UnitInput) => call<Unit>('update_unit', { id, input }),
  removeUnit: (id: string) => call<void>('remove_unit', { id }),
  listInnovations: (filter: InnovationFilter) => call<Innovation[]>('list_innovations', { filter }),
  innovationDetail: (id: string) => call<InnovationDetail>('innovation_detail', { id }),
  addInnovation: (input: InnovationInput) => call<Innovation>('add_innovation', { input }),
  updateInnovation: (id: string, input: InnovationInput) => call<Innovation>('update_innovation', { id, input }),
  /** The row is kept (restorable) with the reason; the reason is required. */
  removeInnovation: (id: string, reason: string) => call<void>('remove_innovation', { id, reason }),
  restoreInnovation: (id: string) => call<Innovation>('restore_innovation', { id }),
  innovationHistory: (id: string) => call<HistoryEntry[]>('innovation_history', { id }),
  addForwarding: (innovationId: string, input: ForwardingInput) => call<Forwarding>('add_forwarding', { innovationId, input }),
  removeForwarding: (id: string) => call<void>('remove_forwarding', { id }),
  /** Idempotent: promoting again adds nothing. */
  promoteProposals: (competitionId: string, request: PromoteRequest) =>
    call<PromoteSummary>('promote_proposals', { competitionId, request }),
  addIndicator: (innovationId: string, input: IndicatorInput) => call<Indicator>('add_indicator', { innovationId, input }),
  /** The targets given replace every target of the indicator. */
  updateIndicator: (id: string, input: IndicatorInput) => call<Indicator>('update_indicator', { id, input }),
  removeIndicator: (id: string) => call<void>('remove_indicator', { id }),
  /** Creates or updates the quarter's report. */
  saveReport: (innovationId: string, input: ReportInput) => call<QuarterlyReport>('save_report', { innovationId, input }),
  /** Over 10 MB is refused with invalid_input. */
  addEvidence: (reportId: string, fileName: string, mime: string, bytes: number[]) =>
    call<EvidenceInfo>('add_evidence', { reportId, fileName, mime, bytes }),
  evidenceFile: async (id: string): Promise<Uint8Array> => new Uint8Array(await call<ArrayBuffer>('evidence_file', { id })),
  removeEvidence: (id: string) => call<void>('remove_evidence', { id }),
  saveEvaluation: (innovationId: string, input: EvaluationInput) => call<Evaluation>('save_evaluation', { innovationId, input }),
  /** `today` is the local date, YYYY-MM-DD. */
  quarterStatuses: (year: number, quarter: number, today: string) =>
    call<InnovationQuarterStatus[]>('quarter_statuses', { year, quarter, today }),
  monitoringDashboard: (query: DashboardQuery) => call<Dashboard>('monitoring_dashboard', { query }),
  monitoringDueDays: () => call<number>('monitoring_due_days'),
  setMonitoringDueDays: (days: number) => call<number>('set_monitoring_due_days', { days }),
  /** A dry run: nothing is written. */
  previewMonitoringImport: (kind: MonitoringFile, bytes: number[]) =>
    call<MonitoringImportPreview>('preview_monitoring_import', { kind, bytes }),
  /** All or nothing: a file with any error changes nothing. */
  importMonitoring: (kind: MonitoringFile, bytes: number[]) => call<MonitoringImportPreview>('import_monitoring', { kind, bytes }),
  listIkmSurveys: () => call<IkmSurvey[]>('list_ikm_surveys'),
  ikmResult: (unit: string, period: string) => call<IkmResult>('ikm_result', { unit, period }),
  ikmTrend: (unit: string) => call<IkmResult[]>('ikm_trend', { unit }),
  /** One questionnaire typed from paper; answers U1–U9 are 1–4 or null. */
  recordIkmResponse: (input: IkmResponseInput) => call<IkmResult>('record_ikm_response', { input }),
  /** The unit-periods in the file are replaced. */
  importIkm: (bytes: number[]) => call<IkmImportSummary>('import_ikm', { bytes }),
  /** Makes the monitoring or IKM report, then the native save dialog; null when cancelled. */
  saveMonitoringReport: (request: MonitoringReportRequest) => call<SavedDocument | null>('save_monitoring_report', { request }),
  /** An evidence file of a report saved where the user picks (native save dialog); null when cancelled. */
  saveEvidenceFile: (id: string) => call<SavedDocument | null>('save_evidence_file', { id }),
};

export type JuriApi = typeof tauriApi;

/** True inside the Tauri webview; decided per call so tests can switch it. */
export function inTauri(): boolean {
  return typeof window !== 'undefined' && '__TAURI_INTERNALS__' in window;
}

/** Outside the app every call is refused (a rejected promise, as from the shell), in both languages. */
const outsideApp = new Proxy({} as JuriApi, {
  get: () => () =>
    Promise.reject(toApiError({ code: 'storage', message: `${translate('id', 'app.outside')} / ${translate('en', 'app.outside')}` })),
});

function api(): JuriApi {
  return inTauri() ? tauriApi : outsideApp;
}

export const appInfo: JuriApi['appInfo'] = () => api().appInfo();
export const setLanguage: JuriApi['setLanguage'] = (lang) => api().setLanguage(lang);
export const listCompetitions: JuriApi['listCompetitions'] = () => api().listCompetitions();
export const getCompetition: JuriApi['getCompetition'] = (id) => api().getCompetition(id);
export const activeCompetition: JuriApi['activeCompetition'] = () => api().activeCompetition();
export const openCompetition: JuriApi['openCompetition'] = (id) => api().openCompetition(id);
export const listTemplates: JuriApi['listTemplates'] = () => api().listTemplates();
export const templateSetup: JuriApi['templateSetup'] = (code, name, year) => api().templateSetup(code, name, year);
export const createCompetition: JuriApi['createCompetition'] = (setup) => api().createCompetition(setup);
export const updateCompetition: JuriApi['updateCompetition'] = (id, setup) => api().updateCompetition(id, setup);
export const exportSetup: JuriApi['exportSetup'] = (id) => api().exportSetup(id);
export const importSetup: JuriApi['importSetup'] = (text) => api().importSetup(text);
export const openDemo: JuriApi['openDemo'] = (unscored) => api().openDemo(unscored);
export const listProposals: JuriApi['listProposals'] = (competitionId, filter) =>
  api().listProposals(competitionId, filter);
export const addProposal: JuriApi['addProposal'] = (competitionId, input) => api().addProposal(competitionId, input);
export const updateProposal: JuriApi['updateProposal'] = (id, input) => api().updateProposal(id, input);
export const removeProposal: JuriApi['removeProposal'] = (id, reason) => api().removeProposal(id, reason);
export const setProposalStatus: JuriApi['setProposalStatus'] = (id, status, reason) =>
  api().setProposalStatus(id, status, reason);
export const proposalHistory: JuriApi['proposalHistory'] = (id) => api().proposalHistory(id);
export const previewProposalsImport: JuriApi['previewProposalsImport'] = (competitionId, bytes) =>
  api().previewProposalsImport(competitionId, bytes);
export const importProposals: JuriApi['importProposals'] = (competitionId, bytes, onProgress) =>
  api().importProposals(competitionId, bytes, onProgress);
export const cancelImport: JuriApi['cancelImport'] = () => api().cancelImport();
export const dossierView: JuriApi['dossierView'] = (competitionId, proposal) => api().dossierView(competitionId, proposal);
export const screeningFindings: JuriApi['screeningFindings'] = (competitionId) => api().screeningFindings(competitionId);
export const forwardingOverview: JuriApi['forwardingOverview'] = (competitionId, scope, codes) =>
  api().forwardingOverview(competitionId, scope, codes);
export const exportForwarding: JuriApi['exportForwarding'] = (competitionId, scope, codes, level, onProgress) =>
  api().exportForwarding(competitionId, scope, codes, level, onProgress);
export const pickForwardingZips: JuriApi['pickForwardingZips'] = () => api().pickForwardingZips();
export const previewForwardingImport: JuriApi['previewForwardingImport'] = (competitionId) =>
  api().previewForwardingImport(competitionId);
export const importForwardings: JuriApi['importForwardings'] = (competitionId, onProgress) =>
  api().importForwardings(competitionId, onProgress);
export const pickDossierSource: JuriApi['pickDossierSource'] = (zip) => api().pickDossierSource(zip);
export const previewDossierImport: JuriApi['previewDossierImport'] = (competitionId) =>
  api().previewDossierImport(competitionId);
export const importDossiers: JuriApi['importDossiers'] = (competitionId, onProgress) =>
  api().importDossiers(competitionId, onProgress);
export const dossierFile: JuriApi['dossierFile'] = (competitionId, proposal, sha256) =>
  api().dossierFile(competitionId, proposal, sha256);
export const saveDossierSection: JuriApi['saveDossierSection'] = (competitionId, proposal, section, text) =>
  api().saveDossierSection(competitionId, proposal, section, text);
export const saveDossierVideos: JuriApi['saveDossierVideos'] = (competitionId, proposal, videos) =>
  api().saveDossierVideos(competitionId, proposal, videos);
export const addDossierFile: JuriApi['addDossierFile'] = (competitionId, proposal, section, name, bytes) =>
  api().addDossierFile(competitionId, proposal, section, name, bytes);
export const removeDossierFile: JuriApi['removeDossierFile'] = (competitionId, proposal, sha256) =>
  api().removeDossierFile(competitionId, proposal, sha256);
export const pickDossierFiles: JuriApi['pickDossierFiles'] = (competitionId, proposal, section) =>
  api().pickDossierFiles(competitionId, proposal, section);
export const saveDossierFile: JuriApi['saveDossierFile'] = (competitionId, proposal, sha256) =>
  api().saveDossierFile(competitionId, proposal, sha256);
export const openDossierFileOutside: JuriApi['openDossierFileOutside'] = (competitionId, proposal, sha256) =>
  api().openDossierFileOutside(competitionId, proposal, sha256);
export const listJudges: JuriApi['listJudges'] = (competitionId) => api().listJudges(competitionId);
export const saveJudge: JuriApi['saveJudge'] = (competitionId, input) => api().saveJudge(competitionId, input);
export const removeJudge: JuriApi['removeJudge'] = (competitionId, code) => api().removeJudge(competitionId, code);
export const importJudges: JuriApi['importJudges'] = (competitionId, bytes) => api().importJudges(competitionId, bytes);
export const importScores: JuriApi['importScores'] = (competitionId, bytes) => api().importScores(competitionId, bytes);
export const judgeProgress: JuriApi['judgeProgress'] = (competitionId, stage) => api().judgeProgress(competitionId, stage);
export const projectorBoard: JuriApi['projectorBoard'] = (competitionId, stage) => api().projectorBoard(competitionId, stage);
export const judgeWorklist: JuriApi['judgeWorklist'] = (competitionId, stage, judge) =>
  api().judgeWorklist(competitionId, stage, judge);
export const scoreSheet: JuriApi['scoreSheet'] = (competitionId, stage, judge, proposal) =>
  api().scoreSheet(competitionId, stage, judge, proposal);
export const saveScore: JuriApi['saveScore'] = (competitionId, stage, judge, proposal, criterion, value) =>
  api().saveScore(competitionId, stage, judge, proposal, criterion, value);
export const setSheetFinal: JuriApi['setSheetFinal'] = (competitionId, judge, stage, isFinal) =>
  api().setSheetFinal(competitionId, judge, stage, isFinal);
export const lockStage: JuriApi['lockStage'] = (competitionId, stage) => api().lockStage(competitionId, stage);
export const unlockStage: JuriApi['unlockStage'] = (competitionId, stage, reason) =>
  api().unlockStage(competitionId, stage, reason);
export const presentationOrder: JuriApi['presentationOrder'] = (competitionId, stage, category) =>
  api().presentationOrder(competitionId, stage, category);
export const setPresentationOrder: JuriApi['setPresentationOrder'] = (competitionId, stage, codes) =>
  api().setPresentationOrder(competitionId, stage, codes);
export const drawPresentationOrder: JuriApi['drawPresentationOrder'] = (competitionId, stage, category) =>
  api().drawPresentationOrder(competitionId, stage, category);
export const getRecap: JuriApi['getRecap'] = (competitionId, viewer) => api().getRecap(competitionId, viewer);
export const reliability: JuriApi['reliability'] = (competitionId, viewer) => api().reliability(competitionId, viewer);
export const markDiscussed: JuriApi['markDiscussed'] = (competitionId, stage, proposal) =>
  api().markDiscussed(competitionId, stage, proposal);
export const saveComment: JuriApi['saveComment'] = (competitionId, stage, judge, proposal, comment) =>
  api().saveComment(competitionId, stage, judge, proposal, comment);
export const documentSettings: JuriApi['documentSettings'] = (competitionId) => api().documentSettings(competitionId);
export const saveDocumentSettings: JuriApi['saveDocumentSettings'] = (competitionId, settings) =>
  api().saveDocumentSettings(competitionId, settings);
export const tieOverview: JuriApi['tieOverview'] = (competitionId) => api().tieOverview(competitionId);
export const recordTieDecision: JuriApi['recordTieDecision'] = (competitionId, decision) =>
  api().recordTieDecision(competitionId, decision);
export const setDocumentLogo: JuriApi['setDocumentLogo'] = (competitionId, bytes) => api().setDocumentLogo(competitionId, bytes);
export const previewDocument: JuriApi['previewDocument'] = (competitionId, request) => api().previewDocument(competitionId, request);
export const saveDocument: JuriApi['saveDocument'] = (competitionId, request, onProgress) =>
  api().saveDocument(competitionId, request, onProgress);
export const cancelDocuments: JuriApi['cancelDocuments'] = () => api().cancelDocuments();
export const appMode: JuriApi['appMode'] = () => api().appMode();
export const exportKit: JuriApi['exportKit'] = (competitionId, judge, onProgress) =>
  api().exportKit(competitionId, judge, onProgress);
export const openKit: JuriApi['openKit'] = (bytes, overData) => api().openKit(bytes, overData);
export const kitStatus: JuriApi['kitStatus'] = (competitionId) => api().kitStatus(competitionId);
export const sheetNotes: JuriApi['sheetNotes'] = (competitionId, stage, judge, proposal) =>
  api().sheetNotes(competitionId, stage, judge, proposal);
export const saveNote: JuriApi['saveNote'] = (competitionId, stage, judge, proposal, criterion, text) =>
  api().saveNote(competitionId, stage, judge, proposal, criterion, text);
export const pickKit: JuriApi['pickKit'] = () => api().pickKit();
export const takeLaunchFile: JuriApi['takeLaunchFile'] = () => api().takeLaunchFile();
export const venueAddresses: JuriApi['venueAddresses'] = () => api().venueAddresses();
export const venueHubStatus: JuriApi['venueHubStatus'] = (competitionId) => api().venueHubStatus(competitionId);
export const venueHubStart: JuriApi['venueHubStart'] = (competitionId, listen) => api().venueHubStart(competitionId, listen);
export const venueHubStop: JuriApi['venueHubStop'] = (competitionId) => api().venueHubStop(competitionId);
export const venuePushStatus: JuriApi['venuePushStatus'] = () => api().venuePushStatus();
export const venuePushConfigure: JuriApi['venuePushConfigure'] = (address) => api().venuePushConfigure(address);
export const venueScanPicture: JuriApi['venueScanPicture'] = (width, height, luma) => api().venueScanPicture(width, height, luma);
/** Calls `then` each time the venue hub has taken a judge's push (the organiser's laptop);
 *  returns what stops it (a screen calls it when it goes). */
export function onVenuePush(then: () => void): () => void {
  const listening = listen('venue-push', then).catch(() => undefined);
  return () => void listening.then((stop) => stop?.());
}
/** Calls `then` with the judge laptop's push state whenever it changes; returns what stops it. */
export function onVenuePushStatus(then: (s: VenuePushStatus) => void): () => void {
  const listening = listen<VenuePushStatus>('venue-push-status', (e) => then(e.payload)).catch(() => undefined);
  return () => void listening.then((stop) => stop?.());
}
/** Calls `then` each time Juri, already running, is handed a double-clicked file (Windows). */
export function onLaunchFile(then: () => void): void {
  void listen('launch-file', then).catch(() => {});
}
export const checkKit: JuriApi['checkKit'] = (bytes) => api().checkKit(bytes);
export const openPickedKit: JuriApi['openPickedKit'] = (overData, onProgress) => api().openPickedKit(overData, onProgress);
export const exportPackage: JuriApi['exportPackage'] = () => api().exportPackage();
export const previewMerge: JuriApi['previewMerge'] = (competitionId, files) => api().previewMerge(competitionId, files);
export const applyMerge: JuriApi['applyMerge'] = (competitionId, files) => api().applyMerge(competitionId, files);
export const listConflicts: JuriApi['listConflicts'] = (competitionId) => api().listConflicts(competitionId);
export const resolveConflict: JuriApi['resolveConflict'] = (eventId, takePackage) => api().resolveConflict(eventId, takePackage);
export const paperSheets: JuriApi['paperSheets'] = (competitionId, stage, judge) => api().paperSheets(competitionId, stage, judge);
export const paperSheet: JuriApi['paperSheet'] = (competitionId, key) => api().paperSheet(competitionId, key);
export const savePaperEntry: JuriApi['savePaperEntry'] = (competitionId, input) => api().savePaperEntry(competitionId, input);
export const resolvePaperDifference: JuriApi['resolvePaperDifference'] = (competitionId, key, criterion, value, staff, reason) =>
  api().resolvePaperDifference(competitionId, key, criterion, value, staff, reason);
export const resolvePaperConflict: JuriApi['resolvePaperConflict'] = (competitionId, key, criterion, takePaper, staff, reason) =>
  api().resolvePaperConflict(competitionId, key, criterion, takePaper, staff, reason);
export const backupDatabase: JuriApi['backupDatabase'] = () => api().backupDatabase();
export const restorePick: JuriApi['restorePick'] = () => api().restorePick();
export const restoreApply: JuriApi['restoreApply'] = () => api().restoreApply();
export const listUnits: JuriApi['listUnits'] = () => api().listUnits();
export const addUnit: JuriApi['addUnit'] = (input) => api().addUnit(input);
export const updateUnit: JuriApi['updateUnit'] = (id, input) => api().updateUnit(id, input);
export const removeUnit: JuriApi['removeUnit'] = (id) => api().removeUnit(id);
export const listInnovations: JuriApi['listInnovations'] = (filter) => api().listInnovations(filter);
export const innovationDetail: JuriApi['innovationDetail'] = (id) => api().innovationDetail(id);
export const addInnovation: JuriApi['addInnovation'] = (input) => api().addInnovation(input);
export const updateInnovation: JuriApi['updateInnovation'] = (id, input) => api().updateInnovation(id, input);
export const removeInnovation: JuriApi['removeInnovation'] = (id, reason) => api().removeInnovation(id, reason);
export const restoreInnovation: JuriApi['restoreInnovation'] = (id) => api().restoreInnovation(id);
export const innovationHistory: JuriApi['innovationHistory'] = (id) => api().innovationHistory(id);
export const addForwarding: JuriApi['addForwarding'] = (innovationId, input) => api().addForwarding(innovationId, input);
export const removeForwarding: JuriApi['removeForwarding'] = (id) => api().removeForwarding(id);
export const promoteProposals: JuriApi['promoteProposals'] = (competitionId, request) => api().promoteProposals(competitionId, request);
export const addIndicator: JuriApi['addIndicator'] = (innovationId, input) => api().addIndicator(innovationId, input);
export const updateIndicator: JuriApi['updateIndicator'] = (id, input) => api().updateIndicator(id, input);
export const removeIndicator: JuriApi['removeIndicator'] = (id) => api().removeIndicator(id);
export const saveReport: JuriApi['saveReport'] = (innovationId, input) => api().saveReport(innovationId, input);
export const addEvidence: JuriApi['addEvidence'] = (reportId, fileName, mime, bytes) => api().addEvidence(reportId, fileName, mime, bytes);
export const evidenceFile: JuriApi['evidenceFile'] = (id) => api().evidenceFile(id);
export const removeEvidence: JuriApi['removeEvidence'] = (id) => api().removeEvidence(id);
export const saveEvaluation: JuriApi['saveEvaluation'] = (innovationId, input) => api().saveEvaluation(innovationId, input);
export const quarterStatuses: JuriApi['quarterStatuses'] = (year, quarter, today) => api().quarterStatuses(year, quarter, today);
export const monitoringDashboard: JuriApi['monitoringDashboard'] = (query) => api().monitoringDashboard(query);
export const monitoringDueDays: JuriApi['monitoringDueDays'] = () => api().monitoringDueDays();
export const setMonitoringDueDays: JuriApi['setMonitoringDueDays'] = (days) => api().setMonitoringDueDays(days);
export const previewMonitoringImport: JuriApi['previewMonitoringImport'] = (kind, bytes) => api().previewMonitoringImport(kind, bytes);
export const importMonitoring: JuriApi['importMonitoring'] = (kind, bytes) => api().importMonitoring(kind, bytes);
export const listIkmSurveys: JuriApi['listIkmSurveys'] = () => api().listIkmSurveys();
export const ikmResult: JuriApi['ikmResult'] = (unit, period) => api().ikmResult(unit, period);
export const ikmTrend: JuriApi['ikmTrend'] = (unit) => api().ikmTrend(unit);
export const recordIkmResponse: JuriApi['recordIkmResponse'] = (input) => api().recordIkmResponse(input);
export const importIkm: JuriApi['importIkm'] = (bytes) => api().importIkm(bytes);
export const saveMonitoringReport: JuriApi['saveMonitoringReport'] = (request) => api().saveMonitoringReport(request);
export const saveEvidenceFile: JuriApi['saveEvidenceFile'] = (id) => api().saveEvidenceFile(id);

/** The bytes of a file the user picked, in the plain-array form the commands take. */
export async function fileBytes(file: Blob): Promise<number[]> {
  return Array.from(new Uint8Array(await file.arrayBuffer()));
}

/** Files the user picked or dropped, with their names, as the merge commands take them. */
export async function packageFiles(files: File[]): Promise<PackageFile[]> {
  return Promise.all(files.map(async (f) => ({ name: f.name, bytes: await fileBytes(f) })));
}
