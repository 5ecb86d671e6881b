// In-memory stand-in for the Tauri commands, used when the UI runs in a plain browser
// (development and screenshots). It mimics the backend's answers closely enough to click through.
import type { Competition } from '../bindings/Competition';
import type { CompetitionSummary } from '../bindings/CompetitionSummary';
import type { HistoryEntry } from '../bindings/HistoryEntry';
import type { JsonValue } from '../bindings/serde_json/JsonValue';
import type { Progress } from '../bindings/Progress';
import type { Proposal } from '../bindings/Proposal';
import type { ProposalFilter } from '../bindings/ProposalFilter';
import type { ProposalImportPreview } from '../bindings/ProposalImportPreview';
import type { ProposalInput } from '../bindings/ProposalInput';
import type { ProposalUpdate } from '../bindings/ProposalUpdate';
import type { RowError } from '../bindings/RowError';
import type { ScreeningStatus } from '../bindings/ScreeningStatus';
import type { Setup } from '../bindings/Setup';
import type { JuriApi } from './index';
import { clone, fail, mockState, now, readCsv, setMockLang, wait } from './mock-base';
import { scoringMock } from './mock-scoring';
import { syncMock } from './mock-sync';
import { paperMock } from './mock-paper';
import { documentsMock } from './mock-documents';
import { monitoringMock } from './mock-monitoring';
import { DEMO_NAME, DEMO_PROPOSALS, DEMO_STATUS, TEMPLATES, UNITS, templateSetup } from './mock-data';

const UNIT_TYPES = ['OPD', 'Pemdes', 'BUMD', 'Lainnya'];
const REASON_NEEDED: ScreeningStatus[] = ['tidak_lolos_administrasi', 'mengundurkan_diri', 'didiskualifikasi'];
const ACTOR = 'Sekretariat';

let active: string | null = null;
let cancelRequested = false;
const competitions = new Map<string, Competition>();
const proposals = new Map<string, Proposal & { competition_id: string }>();
const history = new Map<string, HistoryEntry[]>();
let seq = 0;

const newId = () => `mock-${Date.now().toString(36)}-${(seq++).toString(36)}`;

function competition(id: string): Competition {
  return competitions.get(id) ?? fail('not_found', 'Kompetisi tidak ditemukan.', 'Competition not found.');
}

function proposal(id: string) {
  return proposals.get(id) ?? fail('not_found', 'Proposal tidak ditemukan.', 'Proposal not found.');
}

function checkSetup(s: Setup) {
  if (!s.name.trim()) fail('invalid_setup', 'Nama kompetisi wajib diisi.', 'The competition name is required.');
  if (!Number.isInteger(s.year) || s.year < 2000 || s.year > 2100)
    fail('invalid_setup', 'Tahun harus antara 2000 dan 2100.', 'The year must be between 2000 and 2100.');
  if (s.categories.length === 0) fail('invalid_setup', 'Paling sedikit satu kategori.', 'At least one category is needed.');
  for (const c of s.categories)
    if (!c.code.trim() || !c.name.trim())
      fail('invalid_setup', 'Setiap kategori wajib memiliki kode dan nama.', 'Every category needs a code and a name.');
  for (const st of s.stages)
    for (const c of st.criteria)
      if (!(c.min < c.max) || !(c.weight > 0))
        fail(
          'invalid_setup',
          `Kriteria ${st.code}/${c.code}: bobot harus positif dan nilai minimum harus lebih kecil dari maksimum.`,
          `Criterion ${st.code}/${c.code}: the weight must be positive and the minimum below the maximum.`,
        );
}

function tidy(input: ProposalInput, comp: Competition): ProposalInput {
  const t = (s: string) => s.trim().replace(/\s+/g, ' ');
  const out = { ...input, code: t(input.code), title: t(input.title), unit: t(input.unit) };
  if (!out.title) fail('invalid_input', 'Judul wajib diisi.', 'The title is required.');
  if (!out.unit) fail('invalid_input', 'Unit wajib diisi.', 'The unit is required.');
  const cat = comp.setup.categories.find(
    (c) => c.code.toLowerCase() === t(input.category).toLowerCase() || c.name.toLowerCase() === t(input.category).toLowerCase(),
  );
  if (!cat) fail('invalid_input', `Kategori tidak dikenal: ${input.category}`, `Unknown category: ${input.category}`);
  out.category = cat.code;
  const ut = UNIT_TYPES.find((u) => u.toLowerCase() === t(input.unit_type || 'OPD').toLowerCase());
  if (!ut) fail('invalid_input', `Jenis unit tidak dikenal: ${input.unit_type}`, `Unknown unit type: ${input.unit_type}`);
  out.unit_type = ut;
  return out;
}

function nextCode(compId: string, reserved: Set<string> = new Set()): string {
  const taken = new Set([...proposals.values()].filter((p) => p.competition_id === compId).map((p) => p.code.toLowerCase()));
  for (const c of reserved) taken.add(c);
  for (let n = 1; ; n++) {
    const c = `P-${String(n).padStart(3, '0')}`;
    if (!taken.has(c.toLowerCase())) return c;
  }
}

function asInput(p: Proposal): ProposalInput {
  const { code, title, category, unit, unit_type, innovator, phone, email, summary, start_year } = p;
  return { code, title, category, unit, unit_type, innovator, phone, email, summary, start_year };
}

const FIELD_NAMES: [keyof ProposalInput, string][] = [
  ['code', 'kode'],
  ['title', 'judul'],
  ['category', 'kategori'],
  ['unit', 'unit'],
  ['unit_type', 'jenis_unit'],
  ['innovator', 'inovator'],
  ['phone', 'telepon'],
  ['email', 'email'],
  ['summary', 'ringkasan'],
  ['start_year', 'tahun_mulai'],
];

function diff(a: ProposalInput, b: ProposalInput): Record<string, JsonValue> {
  const out: Record<string, JsonValue> = {};
  for (const [k, name] of FIELD_NAMES) if (a[k] !== b[k]) out[name] = [a[k], b[k]];
  return out;
}

function log(id: string, action: string, changes: JsonValue, reason = '') {
  const list = history.get(id) ?? [];
  list.push({ at: now(), actor: ACTOR, action, changes, reason });
  history.set(id, list);
}

function insert(compId: string, raw: ProposalInput, action = 'created'): Proposal {
  const comp = competition(compId);
  const input = tidy(raw, comp);
  if (!input.code) input.code = nextCode(compId);
  if ([...proposals.values()].some((p) => p.competition_id === compId && p.code.toLowerCase() === input.code.toLowerCase()))
    fail('duplicate_code', `Kode ${input.code} sudah dipakai.`, `Code ${input.code} is already in use.`);
  const at = now();
  const p = {
    ...input,
    id: newId(),
    competition_id: compId,
    category_name: comp.setup.categories.find((c) => c.code === input.category)?.name ?? input.category,
    status: 'terdaftar' as ScreeningStatus,
    status_reason: '',
    created_at: at,
    updated_at: at,
    removed: false,
  };
  proposals.set(p.id, p);
  log(p.id, action, diff({ ...emptyInput(), start_year: null }, input));
  return strip(p);
}

function emptyInput(): ProposalInput {
  return { code: '', title: '', category: '', unit: '', unit_type: '', innovator: '', phone: '', email: '', summary: '', start_year: null };
}

function strip(p: Proposal & { competition_id?: string }): Proposal {
  const { competition_id: _, ...rest } = p;
  return clone(rest);
}

function summary(c: Competition): CompetitionSummary {
  const count = [...proposals.values()].filter((p) => p.competition_id === c.id && !p.removed).length;
  return {
    id: c.id,
    name: c.setup.name,
    year: c.setup.year,
    organiser: c.setup.organiser,
    categories: c.setup.categories.length,
    proposals: count,
    created_at: c.created_at,
  };
}

function create(setup: Setup): Competition {
  checkSetup(setup);
  const at = now();
  const c: Competition = { id: newId(), setup: clone(setup), created_at: at, updated_at: at };
  competitions.set(c.id, c);
  return clone(c);
}

// ---- CSV preview (the mock reads CSV only; the backend also reads .xlsx) ----

const COLUMNS: Record<string, keyof ProposalInput> = {
  kode: 'code', code: 'code', judul: 'title', title: 'title', kategori: 'category', category: 'category',
  unit: 'unit', jenis_unit: 'unit_type', unit_type: 'unit_type', inovator: 'innovator', innovator: 'innovator',
  telepon: 'phone', phone: 'phone', email: 'email', ringkasan: 'summary', summary: 'summary',
  tahun_mulai: 'start_year', start_year: 'start_year',
};

function readRows(bytes: number[]): { row: number; input: ProposalInput; errors: RowError[] }[] {
  const { head, body } = readCsv(bytes);
  const cols = head.map((h) => COLUMNS[h]);
  return body.map((cells, i) => {
    const input = emptyInput();
    const errors: RowError[] = [];
    cols.forEach((k, j) => {
      if (!k) return;
      const v = (cells[j] ?? '').trim();
      if (k === 'start_year') {
        if (v === '') input.start_year = null;
        else if (/^\d{4}$/.test(v)) input.start_year = Number(v);
        else
          errors.push({ row: i + 2, column: head[j], message: mockState.lang === 'id' ? `Tahun tidak sah: ${v}` : `Not a year: ${v}` });
      } else input[k] = v;
    });
    for (const [k, col] of [['title', 'judul'], ['category', 'kategori'], ['unit', 'unit']] as const)
      if (!input[k]) errors.push({ row: i + 2, column: col, message: mockState.lang === 'id' ? 'Wajib diisi.' : 'Required.' });
    if (input.unit_type && !UNIT_TYPES.some((u) => u.toLowerCase() === input.unit_type.toLowerCase()))
      errors.push({
        row: i + 2,
        column: 'jenis_unit',
        message: mockState.lang === 'id' ? `Jenis unit tidak dikenal: ${input.unit_type}` : `Unknown unit type: ${input.unit_type}`,
      });
    return { row: i + 2, input, errors };
  });
}

function plan(compId: string, bytes: number[]) {
  const comp = competition(compId);
  const rows = readRows(bytes);
  const preview: ProposalImportPreview = { rows: rows.length, to_add: [], to_update: [], unchanged: 0, errors: [], unknown_categories: [] };
  const updates: { id: string; input: ProposalInput }[] = [];
  const taken = new Set(rows.map((r) => r.input.code.toLowerCase()).filter(Boolean));
  for (const r of rows) {
    preview.errors.push(...r.errors);
    const cat = comp.setup.categories.find(
      (c) => c.code.toLowerCase() === r.input.category.toLowerCase() || c.name.toLowerCase() === r.input.category.toLowerCase(),
    );
    if (r.input.category && !cat) {
      if (!preview.unknown_categories.includes(r.input.category)) preview.unknown_categories.push(r.input.category);
      preview.errors.push({
        row: r.row,
        column: 'kategori',
        message: mockState.lang === 'id' ? `Kategori tidak dikenal: ${r.input.category}` : `Unknown category: ${r.input.category}`,
      });
    }
    if (r.errors.length || !cat) continue;
    const input = { ...r.input, category: cat.code, unit_type: UNIT_TYPES.find((u) => u.toLowerCase() === (r.input.unit_type || 'OPD').toLowerCase())! };
    const existing = r.input.code
      ? [...proposals.values()].find((p) => p.competition_id === compId && !p.removed && p.code.toLowerCase() === r.input.code.toLowerCase())
      : undefined;
    if (!existing) {
      if (!input.code) {
        input.code = nextCode(compId, taken);
        taken.add(input.code.toLowerCase());
      }
      preview.to_add.push(input);
    } else {
      const changes = diff(asInput(existing), { ...input, code: existing.code });
      if (Object.keys(changes).length === 0) preview.unchanged++;
      else {
        const u: ProposalUpdate = { row: r.row, code: existing.code, changes };
        preview.to_update.push(u);
        updates.push({ id: existing.id, input: { ...input, code: existing.code } });
      }
    }
  }
  preview.errors.sort((a, b) => a.row - b.row);
  return { preview, updates };
}

function applyUpdate(id: string, input: ProposalInput, action: string) {
  const p = proposal(id);
  const comp = competition(p.competition_id);
  const tidied = tidy(input, comp);
  const changes = diff(asInput(p), tidied);
  Object.assign(p, tidied, {
    category_name: comp.setup.categories.find((c) => c.code === tidied.category)?.name ?? tidied.category,
    updated_at: now(),
  });
  if (Object.keys(changes).length) log(id, action, changes);
  return strip(p);
}

const liveProposals = (competitionId: string) =>
  [...proposals.values()].filter((p) => p.competition_id === competitionId && !p.removed).map(strip);

const { seedDemoJury, storeOf, ...scoring } = scoringMock({
  competition,
  proposals: liveProposals,
  judgeMode: () => sync.judgeMode(),
  scoreEntered: (competitionId, key) => sync.scoreEntered(competitionId, key),
});

const sync = syncMock({
  competition,
  hasCompetition: (id) => competitions.has(id),
  competitionCount: () => competitions.size,
  putCompetition(id, setup) {
    const existing = competitions.get(id);
    if (existing) {
      existing.setup = clone(setup);
      existing.updated_at = now();
    } else {
      const at = now();
      competitions.set(id, { id, setup: clone(setup), created_at: at, updated_at: at });
    }
  },
  setActive(id) {
    active = id;
  },
  proposals: liveProposals,
  addKitProposal(competitionId, k) {
    if ([...proposals.values()].some((p) => p.competition_id === competitionId && p.code === k.code)) return;
    const p = insert(competitionId, { ...k, innovator: '', phone: '', email: '' }, 'imported');
    const stored = proposals.get(p.id)!;
    stored.status = 'lolos_administrasi';
  },
  store: (competitionId) => storeOf(competitionId),
});
const { scoreEntered: _entered, judgeMode: _mode, buildKit, packageBytes, leaveJudgeMode, ...syncApi } = sync;

/** For tests and scripts: the kit and the package the backend would write, and back to an organiser's laptop. */
export const mockSync = { buildKit, packageBytes, leaveJudgeMode };

const paper = paperMock({
  competition,
  proposals: liveProposals,
  store: (competitionId) => storeOf(competitionId),
  judgeMode: () => sync.judgeMode(),
  worklist: (competitionId, stage, judge) => scoring.judgeWorklist(competitionId, stage, judge),
  scoreEntered: (competitionId, key) => sync.scoreEntered(competitionId, key),
});

const documents = documentsMock({ competition, proposals: liveProposals });

const { seedDemo: seedDemoMonitoring, ...monitoring } = monitoringMock({ proposals: liveProposals });

export const mockApi: JuriApi = {
  ...scoring,
  ...syncApi,
  ...paper,
  ...documents,
  ...monitoring,
  async appInfo() {
    return {
      version: '0.1.0 (pratinjau peramban)',
      db_path: '/home/pengguna/.local/share/id.go.sukamaju.juri/juri.sqlite3',
      data_dir: '/home/pengguna/.local/share/id.go.sukamaju.juri',
      log_dir: '/home/pengguna/.local/share/id.go.sukamaju.juri/logs',
      lang: mockState.lang,
    };
  },
  async setLanguage(l) {
    setMockLang(l);
  },
  async listCompetitions() {
    return [...competitions.values()].map(summary).sort((a, b) => b.year - a.year || a.name.localeCompare(b.name));
  },
  async getCompetition(id) {
    return clone(competition(id));
  },
  async activeCompetition() {
    return active && competitions.has(active) ? active : null;
  },
  async openCompetition(id) {
    const c = competition(id);
    active = id;
    return clone(c);
  },
  async listTemplates() {
    return clone(TEMPLATES);
  },
  async templateSetup(code, name, year) {
    return templateSetup(code, name, year) ?? fail('not_found', `Templat ${code} tidak ditemukan.`, `Template ${code} not found.`);
  },
  async createCompetition(setup) {
    return create(setup);
  },
  async updateCompetition(id, setup) {
    const c = competition(id);
    if (sync.judgeMode())
      fail(
        'bad_package',
        'Pengaturan di laptop juri berasal dari kit panitia dan tidak dapat diubah di sini.',
        "The setup on a judge's laptop comes from the organiser's kit and cannot be changed here.",
      );
    checkSetup(setup);
    for (const p of proposals.values())
      if (p.competition_id === id && !setup.categories.some((k) => k.code === p.category))
        fail('in_use', `Kategori ${p.category} masih dipakai oleh proposal ${p.code}.`, `Category ${p.category} is still used by proposal ${p.code}.`);
    c.setup = clone(setup);
    c.updated_at = now();
    return clone(c);
  },
  async exportSetup(id) {
    const c = competition(id);
    return `/home/pengguna/Dokumen/pengaturan-${c.setup.year}.json`;
  },
  async importSetup(text) {
    let setup: Setup;
    try {
      setup = JSON.parse(text) as Setup;
    } catch {
      fail('invalid_setup', 'Berkas bukan JSON pengaturan yang sah.', 'The file is not a valid setup JSON.');
    }
    return create(setup);
  },
  async openDemo() {
    const c = create({ ...templateSetup('kabupaten', DEMO_NAME, 2026)!, organiser: 'Bagian Organisasi Setda Kabupaten Sukamaju', place: 'Sukamaju' });
    for (const [code, title, category, unitCode, start_year, summaryText] of DEMO_PROPOSALS) {
      const [unit, unit_type] = UNITS[unitCode];
      const p = insert(c.id, {
        code, title, category, unit, unit_type,
        innovator: code === 'P-002' ? 'dr. Maya Anggraini, Sp.PD.' : '',
        phone: '', email: '', summary: summaryText, start_year,
      });
      const [status, reason] = DEMO_STATUS[code] ?? ['lolos_administrasi', ''];
      await mockApi.setProposalStatus(p.id, status, reason);
    }
    seedDemoJury(c.id);
    seedDemoMonitoring();
    active = c.id;
    return clone(competition(c.id));
  },

  async listProposals(competitionId, f: ProposalFilter) {
    competition(competitionId);
    const q = f.query.trim().toLowerCase();
    return [...proposals.values()]
      .filter((p) => p.competition_id === competitionId && (f.include_removed || !p.removed))
      .filter((p) => !q || [p.code, p.title, p.unit, p.innovator, p.summary].some((s) => s.toLowerCase().includes(q)))
      .filter((p) => !f.category || p.category === f.category)
      .filter((p) => !f.unit_type || p.unit_type === f.unit_type)
      .filter((p) => !f.status || p.status === f.status)
      .sort((a, b) => a.code.localeCompare(b.code))
      .map(strip);
  },
  async addProposal(competitionId, input) {
    return insert(competitionId, input);
  },
  async updateProposal(id, input) {
    const p = proposal(id);
    if (
      input.code.trim() &&
      [...proposals.values()].some((o) => o.id !== id && o.competition_id === p.competition_id && o.code.toLowerCase() === input.code.trim().toLowerCase())
    )
      fail('duplicate_code', `Kode ${input.code} sudah dipakai.`, `Code ${input.code} is already in use.`);
    return applyUpdate(id, { ...input, code: input.code.trim() || p.code }, 'updated');
  },
  async removeProposal(id, reason) {
    const p = proposal(id);
    if (!reason.trim()) fail('invalid_input', 'Alasan penghapusan wajib diisi.', 'A reason for removal is required.');
    p.removed = true;
    p.updated_at = now();
    log(id, 'removed', {}, reason.trim());
  },
  async setProposalStatus(id, status, reason) {
    const p = proposal(id);
    if (REASON_NEEDED.includes(status) && !reason.trim())
      fail('invalid_input', 'Alasan wajib diisi untuk status ini.', 'A reason is required for this status.');
    log(id, 'status', { status: [p.status, status] }, reason.trim());
    p.status = status;
    p.status_reason = reason.trim();
    p.updated_at = now();
    return strip(p);
  },
  async proposalHistory(id) {
    proposal(id);
    return clone(history.get(id) ?? []);
  },
  async previewProposalsImport(competitionId, bytes) {
    return plan(competitionId, bytes).preview;
  },
  async importProposals(competitionId, bytes, onProgress: (p: Progress) => void) {
    const { preview, updates } = plan(competitionId, bytes);
    if (preview.errors.length)
      fail('import_refused', 'Impor ditolak: berkas masih memuat kesalahan. Tidak ada data yang diubah.', 'Import refused: the file still has errors. Nothing was changed.');
    cancelRequested = false;
    const total = preview.to_add.length + updates.length;
    for (let done = 0; done <= total; done++) {
      onProgress({ done, total });
      await wait(total > 0 ? Math.min(120, 1500 / total) : 0);
      if (cancelRequested) fail('cancelled', 'Impor dibatalkan. Tidak ada data yang diubah.', 'Import cancelled. Nothing was changed.');
    }
    for (const input of preview.to_add) insert(competitionId, input, 'imported');
    for (const u of updates) applyUpdate(u.id, u.input, 'updated');
    return { added: preview.to_add.length, updated: updates.length, unchanged: preview.unchanged };
  },
  async cancelImport() {
    cancelRequested = true;
  },

  async backupDatabase() {
    const stamp = now().replace(/[-:]/g, '').slice(0, 15);
    return `/home/pengguna/Dokumen/juri-cadangan-${stamp}.sqlite3`;
  },
  async restorePick() {
    return {
      file_name: 'juri-cadangan-20260901T0800.sqlite3',
      info: { schema_version: 1, competitions: competitions.size || 1, proposals: proposals.size || 20 },
    };
  },
  async restoreApply() {
    return '/home/pengguna/.local/share/id.go.sukamaju.juri/sebelum-pemulihan-20260901T0815.sqlite3';
  },
};
