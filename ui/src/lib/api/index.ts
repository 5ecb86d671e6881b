// The only module that talks to the Tauri shell. Screens import these functions, never @tauri-apps/api.
// Outside Tauri (a plain browser during development) the in-memory mock answers instead.
import { invoke, Channel } from '@tauri-apps/api/core';
import type { AppInfo } from '../bindings/AppInfo';
import type { AppMode } from '../bindings/AppMode';
import type { Competition } from '../bindings/Competition';
import type { DocumentSettings } from '../bindings/DocumentSettings';
import type { CompetitionSummary } from '../bindings/CompetitionSummary';
import type { HistoryEntry } from '../bindings/HistoryEntry';
import type { ImportSummary } from '../bindings/ImportSummary';
import type { Judge } from '../bindings/Judge';
import type { JudgeInput } from '../bindings/JudgeInput';
import type { JudgeProgress } from '../bindings/JudgeProgress';
import type { Lang } from '../bindings/Lang';
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
import type { DocumentRequest, DocumentSettingsView, SavedDocument } from '../documents';
import { toApiError } from './errors';
import { mockApi } from './mock';

export { toApiError, isApiError } from './errors';

/** Calls a command and rejects with an ApiError only. */
async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(cmd, args);
  } catch (e) {
    throw toApiError(e);
  }
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
  openDemo: () => call<Competition>('open_demo'),

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

  listJudges: (competitionId: string) => call<Judge[]>('list_judges', { competitionId }),
  saveJudge: (competitionId: string, input: JudgeInput) => call<Judge[]>('save_judge', { competitionId, input }),
  removeJudge: (competitionId: string, code: string) => call<void>('remove_judge', { competitionId, code }),
  importJudges: (competitionId: string, bytes: number[]) => call<ImportSummary>('import_judges', { competitionId, bytes }),
  importScores: (competitionId: string, bytes: number[]) =>
    call<ScoreImportSummary>('import_scores', { competitionId, bytes }),
  judgeProgress: (competitionId: string, stage: string) => call<JudgeProgress[]>('judge_progress', { competitionId, stage }),
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
  /** Saves (or with '' clears) the judge's comment on a sheet; resolves after the durable commit. */
  saveComment: (competitionId: string, stage: string, judge: string, proposal: string, comment: string) =>
    call<void>('save_comment', { competitionId, stage, judge, proposal, comment }),

  documentSettings: (competitionId: string) => call<DocumentSettingsView>('document_settings', { competitionId }),
  saveDocumentSettings: (competitionId: string, settings: DocumentSettings) =>
    call<DocumentSettingsView>('save_document_settings', { competitionId, settings }),
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
  /** Native save dialog, then writes `<judge>.jurikit`; null when cancelled. */
  exportKit: (competitionId: string, judge: string) => call<string | null>('export_kit', { competitionId, judge }),
  /** Opens a `.jurikit`: this laptop becomes that judge's laptop. */
  /** Opens a kit; `overData` when the user confirmed on a laptop that holds data (copied aside first). */
  openKit: (bytes: number[], overData: boolean) => call<OpenedKit>('open_kit', { bytes, overData }),
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
};

export type JuriApi = typeof tauriApi;

/** True inside the Tauri webview; decided per call so tests can switch it. */
export function inTauri(): boolean {
  return typeof window !== 'undefined' && '__TAURI_INTERNALS__' in window;
}

function api(): JuriApi {
  return inTauri() ? tauriApi : mockApi;
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
export const openDemo: JuriApi['openDemo'] = () => api().openDemo();
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
export const listJudges: JuriApi['listJudges'] = (competitionId) => api().listJudges(competitionId);
export const saveJudge: JuriApi['saveJudge'] = (competitionId, input) => api().saveJudge(competitionId, input);
export const removeJudge: JuriApi['removeJudge'] = (competitionId, code) => api().removeJudge(competitionId, code);
export const importJudges: JuriApi['importJudges'] = (competitionId, bytes) => api().importJudges(competitionId, bytes);
export const importScores: JuriApi['importScores'] = (competitionId, bytes) => api().importScores(competitionId, bytes);
export const judgeProgress: JuriApi['judgeProgress'] = (competitionId, stage) => api().judgeProgress(competitionId, stage);
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
export const saveComment: JuriApi['saveComment'] = (competitionId, stage, judge, proposal, comment) =>
  api().saveComment(competitionId, stage, judge, proposal, comment);
export const documentSettings: JuriApi['documentSettings'] = (competitionId) => api().documentSettings(competitionId);
export const saveDocumentSettings: JuriApi['saveDocumentSettings'] = (competitionId, settings) =>
  api().saveDocumentSettings(competitionId, settings);
export const setDocumentLogo: JuriApi['setDocumentLogo'] = (competitionId, bytes) => api().setDocumentLogo(competitionId, bytes);
export const previewDocument: JuriApi['previewDocument'] = (competitionId, request) => api().previewDocument(competitionId, request);
export const saveDocument: JuriApi['saveDocument'] = (competitionId, request, onProgress) =>
  api().saveDocument(competitionId, request, onProgress);
export const cancelDocuments: JuriApi['cancelDocuments'] = () => api().cancelDocuments();
export const appMode: JuriApi['appMode'] = () => api().appMode();
export const exportKit: JuriApi['exportKit'] = (competitionId, judge) => api().exportKit(competitionId, judge);
export const openKit: JuriApi['openKit'] = (bytes, overData) => api().openKit(bytes, overData);
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

/** The bytes of a file the user picked, in the plain-array form the commands take. */
export async function fileBytes(file: Blob): Promise<number[]> {
  return Array.from(new Uint8Array(await file.arrayBuffer()));
}

/** Files the user picked or dropped, with their names, as the merge commands take them. */
export async function packageFiles(files: File[]): Promise<PackageFile[]> {
  return Promise.all(files.map(async (f) => ({ name: f.name, bytes: await fileBytes(f) })));
}
