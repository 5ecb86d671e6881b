// The in-browser mock of monitoring and IKM (after crates/core/src/monitoring and ikm): the unit
// list, the registry with indicators, quarterly reports, evidence and evaluations, the status rule
// and the dashboard, simple CSV imports and IKM surveys. The backend stays the reference.
import type { Count } from '../bindings/Count';
import type { Dashboard } from '../bindings/Dashboard';
import type { Evaluation } from '../bindings/Evaluation';
import type { EvidenceInfo } from '../bindings/EvidenceInfo';
import type { Forwarding } from '../bindings/Forwarding';
import type { HistoryEntry } from '../bindings/HistoryEntry';
import type { IkmResult } from '../bindings/IkmResult';
import type { Indicator } from '../bindings/Indicator';
import type { IndicatorInput } from '../bindings/IndicatorInput';
import type { Innovation } from '../bindings/Innovation';
import type { InnovationInput } from '../bindings/InnovationInput';
import type { InnovationQuarterStatus } from '../bindings/InnovationQuarterStatus';
import type { MonitoringImportPreview } from '../bindings/MonitoringImportPreview';
import type { Proposal } from '../bindings/Proposal';
import type { QuarterStatus } from '../bindings/QuarterStatus';
import type { QuarterlyReport } from '../bindings/QuarterlyReport';
import type { Unit } from '../bindings/Unit';
import type { JuriApi } from './index';
import { STAGES, STATUS_ORDER, previousQuarter } from '../monitoring';
import { clone, fail, matchKey, now, readCsv } from './mock-base';

type MonitoringApi = Pick<
  JuriApi,
  | 'listUnits' | 'addUnit' | 'updateUnit' | 'removeUnit' | 'listInnovations' | 'innovationDetail' | 'addInnovation'
  | 'updateInnovation' | 'removeInnovation' | 'restoreInnovation' | 'innovationHistory' | 'addForwarding'
  | 'removeForwarding' | 'promoteProposals' | 'addIndicator' | 'updateIndicator' | 'removeIndicator' | 'saveReport'
  | 'addEvidence' | 'evidenceFile' | 'removeEvidence' | 'saveEvaluation' | 'quarterStatuses' | 'monitoringDashboard'
  | 'monitoringDueDays' | 'setMonitoringDueDays' | 'previewMonitoringImport' | 'importMonitoring' | 'listIkmSurveys'
  | 'ikmResult' | 'ikmTrend' | 'recordIkmResponse' | 'importIkm' | 'saveMonitoringReport'
  | 'saveEvidenceFile'
>;

export interface MonitoringDb {
  /** The competition's live proposals, for promotion. */
  proposals(competitionId: string): Proposal[];
}

const ACTOR = 'Sekretariat';
const MAX_EVIDENCE = 10 * 1024 * 1024;
const UNIT_TYPES = ['OPD', 'Pemdes', 'BUMD', 'Lainnya'];
const UNSUR = [
  'Persyaratan', 'Sistem, mekanisme dan prosedur', 'Waktu penyelesaian', 'Biaya/tarif', 'Produk spesifikasi jenis pelayanan',
  'Kompetensi pelaksana', 'Perilaku pelaksana', 'Penanganan pengaduan, saran dan masukan', 'Sarana dan prasarana',
];

export const DEMO_UNITS: [string, string, string][] = [
  ['U01', 'Dinas Kesehatan', 'OPD'], ['U02', 'Puskesmas Karangsari', 'OPD'], ['U03', 'RSUD Sukamaju', 'OPD'],
  ['U04', 'Dinas Kependudukan dan Pencatatan Sipil', 'OPD'], ['U05', 'Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu', 'OPD'],
  ['U06', 'Dinas Komunikasi dan Informatika', 'OPD'], ['U07', 'Dinas Lingkungan Hidup', 'OPD'],
  ['U08', 'Badan Perencanaan Pembangunan Daerah', 'OPD'], ['U09', 'Kecamatan Karangsari', 'OPD'], ['U10', 'Desa Mekarjaya', 'Pemdes'],
  ['U11', 'Desa Sindangwangi', 'Pemdes'], ['U12', 'Perumda Air Minum Tirta Sukamaju', 'BUMD'],
];

/** Status of one quarter (crates/core/src/monitoring/status.rs): values vs targets, or the due day. */
export function quarterStatus(today: string, due: string, values: [number, number | null][] | null): QuarterStatus {
  if (values === null) return today > due ? 'report_missing' : 'not_yet_due';
  return values.every(([t, r]) => r !== null && r >= t - 1e-9) ? 'on_track' : 'behind';
}

/** The due day of a quarter: its last day plus `days`. */
export function dueDate(year: number, quarter: number, days: number): string {
  const end = new Date(Date.UTC(year, quarter * 3, 0));
  end.setUTCDate(end.getUTCDate() + days);
  return end.toISOString().slice(0, 10);
}

export function monitoringMock(db: MonitoringDb): MonitoringApi & { seedDemo(): void } {
  let seq = 0;
  const id = (p: string) => `${p}-${(seq++).toString(36)}`;
  let dueDays = 10;
  const units = new Map<string, Unit & { removed: boolean }>();
  const innovations = new Map<string, Innovation>();
  const indicators = new Map<string, Indicator>();
  const reports = new Map<string, QuarterlyReport>();
  const evidence = new Map<string, { info: EvidenceInfo; bytes: number[]; report: string }>();
  const forwardings = new Map<string, Forwarding & { innovation: string }>();
  const evaluations = new Map<string, Evaluation & { innovation: string }>();
  const history = new Map<string, HistoryEntry[]>();
  const ikm: { unit: string; period: string; answers: (number | null)[] }[] = [];

  const log = (inv: string, action: string, reason = '') =>
    history.set(inv, [...(history.get(inv) ?? []), { at: now(), actor: ACTOR, action, changes: {}, reason }]);
  const live = () => [...units.values()].filter((u) => !u.removed);
  const innovation = (i: string) => innovations.get(i) ?? fail('not_found', 'Inovasi tidak ditemukan.', 'Innovation not found.');

  function ensureUnit(nameOrCode: string, type = ''): Unit {
    const k = matchKey(nameOrCode);
    const found = live().find((u) => matchKey(u.name) === k || (u.code && matchKey(u.code) === k));
    if (found) return found;
    const u = { id: id('unit'), code: '', name: nameOrCode.trim().replace(/\s+/g, ' '), unit_type: type, innovations: 0, removed: false };
    units.set(u.id, u);
    return u;
  }

  function unitView(u: Unit): Unit {
    const n = [...innovations.values()].filter((i) => i.unit_id === u.id && !i.removed).length;
    return { id: u.id, code: u.code, name: u.name, unit_type: u.unit_type, innovations: n };
  }

  function checkInnovation(input: InnovationInput) {
    if (!input.title.trim()) fail('invalid_input', 'Judul wajib diisi.', 'The title is required.');
    if (!input.unit.trim()) fail('invalid_input', 'Unit wajib diisi.', 'The unit is required.');
    if (input.start_year !== null && (input.start_year < 1990 || input.start_year > 2100))
      fail('invalid_input', 'Tahun mulai tidak wajar.', 'The start year is out of range.');
  }

  function nextCode(): string {
    const n = [...innovations.values()].map((i) => Number(i.code.replace(/^INV-/, '')) || 0);
    return `INV-${String(Math.max(0, ...n) + 1).padStart(3, '0')}`;
  }

  function add(input: InnovationInput): Innovation {
    checkInnovation(input);
    const code = input.code.trim() || nextCode();
    if ([...innovations.values()].some((i) => matchKey(i.code) === matchKey(code)))
      fail('duplicate_code', `Kode ${code} sudah dipakai.`, `Code ${code} is already in use.`);
    const u = ensureUnit(input.unit, input.unit_type);
    const at = now();
    const inv: Innovation = {
      id: id('inv'), code, title: input.title.trim(), unit_id: u.id, unit: u.name, unit_code: u.code, unit_type: u.unit_type || input.unit_type,
      start_year: input.start_year, description: input.description, stage: input.stage, created_at: at, updated_at: at, removed: false, removed_reason: '',
    };
    innovations.set(inv.id, inv);
    log(inv.id, 'created');
    return clone(inv);
  }

  function checkIndicator(input: IndicatorInput) {
    if (!input.name.trim()) fail('invalid_input', 'Nama indikator wajib diisi.', 'The indicator name is required.');
    for (const t of input.targets) {
      if (t.quarter < 1 || t.quarter > 4) fail('invalid_input', 'Triwulan harus 1–4.', 'The quarter must be 1–4.');
      if (!(t.target >= 0)) fail('invalid_input', 'Target tidak boleh negatif.', 'A target cannot be negative.');
    }
  }

  const indicatorsOf = (inv: string) => [...indicators.values()].filter((d) => d.innovation_id === inv);
  const reportOf = (inv: string, y: number, q: number) =>
    [...reports.values()].find((r) => r.innovation_id === inv && r.year === y && r.quarter === q);
  const monitored = (inv: string, y: number, q: number) =>
    indicatorsOf(inv).some((d) => d.targets.some((t) => t.year === y && t.quarter === q));

  function status(inv: Innovation, y: number, q: number, today: string): InnovationQuarterStatus {
    const r = reportOf(inv.id, y, q);
    const due = dueDate(y, q, dueDays);
    const inds = indicatorsOf(inv.id).filter((d) => d.targets.some((t) => t.year === y && t.quarter === q));
    const progress = inds.map((d) => {
      const target = d.targets.find((t) => t.year === y && t.quarter === q)?.target ?? null;
      const realisation = r?.values.find((v) => v.indicator_id === d.id)?.realisation ?? null;
      const achievement = target && realisation !== null ? (realisation / target) * 100 : null;
      return { indicator_id: d.id, name: d.name, kind: d.kind, measure: d.measure, target, realisation, achievement };
    });
    const values = r ? progress.map((p) => [p.target ?? 0, p.realisation] as [number, number | null]) : null;
    return {
      innovation_id: inv.id, code: inv.code, title: inv.title, unit: inv.unit, unit_type: inv.unit_type, year: y, quarter: q,
      status: quarterStatus(today, due, values), due_date: due, reported_at: r?.reported_at ?? null,
      late: !!r && r.reported_at.slice(0, 10) > due, indicators: progress,
    };
  }

  const liveInnovations = () => [...innovations.values()].filter((i) => !i.removed).sort((a, b) => a.code.localeCompare(b.code));

  function ikmOf(unit: string, period: string): IkmResult {
    const rows = ikm.filter((r) => matchKey(r.unit) === matchKey(unit) && r.period === period.trim());
    if (!rows.length) fail('not_found', `Survei ${unit} / ${period} tidak ditemukan.`, `Survey ${unit} / ${period} not found.`);
    const unsur = UNSUR.map((name, i) => {
      const given = rows.map((r) => r.answers[i]).filter((a): a is number => a !== null);
      return { code: `U${i + 1}`, name, nrr: given.length ? given.reduce((a, b) => a + b, 0) / given.length : null, answers: given.length };
    });
    const nrrs = unsur.map((u) => u.nrr).filter((n): n is number => n !== null);
    const value = nrrs.length ? nrrs.reduce((a, b) => a + b, 0) / nrrs.length : 0;
    const konversi = value * 25;
    const h = Math.floor(konversi * 100 + 0.5 + 1e-7);
    const [band, label] = h >= 8831 ? ['A', 'Sangat Baik'] : h >= 7661 ? ['B', 'Baik'] : h >= 6500 ? ['C', 'Kurang Baik'] : ['D', 'Tidak Baik'];
    return { unit: rows[0].unit, period: period.trim(), respondents: rows.length, unsur, ikm: value, konversi, band, label };
  }

  function planImport(kind: string, bytes: number[]): { preview: MonitoringImportPreview; apply: () => void } {
    const { head, body } = readCsv(bytes);
    const col = (row: string[], ...names: string[]) => {
      const i = head.findIndex((h) => names.includes(h));
      return i >= 0 ? (row[i] ?? '').trim() : '';
    };
    const preview: MonitoringImportPreview = { rows: body.length, added: 0, updated: 0, unchanged: 0, new_units: [], lines: [], errors: [] };
    const work: (() => void)[] = [];
    body.forEach((row, i) => {
      const r = i + 2;
      if (kind === 'innovations') {
        const title = col(row, 'judul', 'title');
        const unit = col(row, 'unit');
        if (!title) preview.errors.push({ row: r, column: 'judul', message: 'wajib diisi' });
        if (!unit) preview.errors.push({ row: r, column: 'unit', message: 'wajib diisi' });
        const stage = (col(row, 'tahapan', 'stage') || 'gagasan').toLowerCase().replace(' ', '_');
        if (!STAGES.includes(stage as never)) preview.errors.push({ row: r, column: 'tahapan', message: `tidak dikenal: ${stage}` });
        if (unit && !live().some((u) => matchKey(u.name) === matchKey(unit) || matchKey(u.code) === matchKey(unit)) && !preview.new_units.includes(unit))
          preview.new_units.push(unit);
        const year = col(row, 'tahun_mulai', 'start_year');
        preview.added++;
        preview.lines.push({ row: r, item: title, action: 'add', changes: {} });
        work.push(() =>
          add({ code: col(row, 'kode', 'code'), title, unit, unit_type: col(row, 'jenis_unit', 'unit_type'), start_year: year ? Number(year) : null, description: col(row, 'deskripsi', 'description'), stage: stage as never }),
        );
      } else if (kind === 'reports') {
        const code = col(row, 'kode_inovasi', 'innovation');
        const inv = [...innovations.values()].find((x) => matchKey(x.code) === matchKey(code));
        const y = Number(col(row, 'tahun', 'year'));
        const q = Number(col(row, 'triwulan', 'quarter').replace(/^TW/i, ''));
        const ind = inv && indicatorsOf(inv.id).find((d) => matchKey(d.name) === matchKey(col(row, 'indikator', 'indicator')));
        const text = col(row, 'realisasi', 'realisation');
        const value = Number(text.replace(',', '.'));
        if (!inv) preview.errors.push({ row: r, column: 'kode_inovasi', message: `tidak dikenal: ${code}` });
        else if (!ind) preview.errors.push({ row: r, column: 'indikator', message: 'bukan indikator inovasi ini' });
        if (!(q >= 1 && q <= 4)) preview.errors.push({ row: r, column: 'triwulan', message: 'harus 1–4' });
        if (/\.\d{3}$/.test(text) || !Number.isFinite(value) || text === '')
          preview.errors.push({ row: r, column: 'realisasi', message: `bukan angka yang jelas: ${text}` });
        if (inv && ind) {
          const exists = reportOf(inv.id, y, q);
          if (exists) preview.updated++;
          else preview.added++;
          preview.lines.push({ row: r, item: `${inv.code} ${q}/${y}`, action: exists ? 'update' : 'add', changes: {} });
          work.push(() => void mock.saveReport(inv.id, { year: y, quarter: q, narrative: col(row, 'narasi', 'narrative'), obstacles: col(row, 'kendala', 'obstacles'), follow_up: col(row, 'tindak_lanjut', 'follow_up'), values: [{ indicator_id: ind.id, realisation: value }] }));
        }
      } else {
        const code = col(row, 'kode_inovasi', 'innovation');
        const inv = [...innovations.values()].find((x) => matchKey(x.code) === matchKey(code));
        if (!inv) preview.errors.push({ row: r, column: 'kode_inovasi', message: `tidak dikenal: ${code}` });
        const name = col(row, 'indikator', 'indicator');
        const target = Number(col(row, 'target').replace(',', '.'));
        const y = Number(col(row, 'tahun', 'year'));
        const q = Number(col(row, 'triwulan', 'quarter').replace(/^TW/i, ''));
        if (!Number.isFinite(target)) preview.errors.push({ row: r, column: 'target', message: 'bukan angka' });
        if (inv) {
          preview.added++;
          preview.lines.push({ row: r, item: `${inv.code} ${name}`, action: 'add', changes: {} });
          work.push(() => {
            const d = indicatorsOf(inv.id).find((x) => matchKey(x.name) === matchKey(name));
            const targets = [...(d?.targets ?? []).filter((t) => !(t.year === y && t.quarter === q)), { year: y, quarter: q, target }];
            const kind = (col(row, 'jenis', 'kind') || d?.kind || 'output') as never;
            const input = { kind, name, measure: col(row, 'satuan', 'measure') || d?.measure || '', kontrak_kinerja: col(row, 'kontrak_kinerja') || d?.kontrak_kinerja || '', targets };
            if (d) void mock.updateIndicator(d.id, input);
            else void mock.addIndicator(inv.id, input);
          });
        }
      }
    });
    return { preview, apply: () => work.forEach((w) => w()) };
  }

  const mock = {
    seedDemo() {
      if (innovations.size) return;
      for (const [code, name, type] of DEMO_UNITS) units.set(`unit-${code}`, { id: `unit-${code}`, code, name, unit_type: type, innovations: 0, removed: false });
      const inv = (code: string, unit: string, title: string, year: number, stage: Innovation['stage'], description: string) =>
        add({ code, unit, title, start_year: year, stage, description, unit_type: '' });
      const a = inv('INV-001', 'U03', 'ANTRI SEHAT (Antrean Rumah Sakit dari Rumah)', 2022, 'penerapan', 'Antrean rawat jalan lewat WhatsApp dan web, dengan perkiraan jam panggil.');
      const b = inv('INV-002', 'U07', 'SEDEKAH JELANTAH', 2022, 'replikasi', 'Minyak jelantah dikumpulkan untuk biodiesel; poin ditukar sembako.');
      const c = inv('INV-003', 'U09', 'PATEN KELILING', 2024, 'uji_coba', 'Layanan kecamatan hadir di desa pada hari pasaran.');
      const d = inv('INV-004', 'U12', 'SAMBUNG CICIL (Sambungan Air Bersih Cicilan)', 2023, 'penerapan', 'Warga miskin mencicil biaya sambungan baru selama 12 bulan.');
      const received = ['2026-04-08T02:15:00Z', '2026-07-09T03:40:00Z', '2026-10-07T01:30:00Z'];
      const plan: [Innovation, Indicator['kind'], string, string, number[], number[]][] = [
        [a, 'output', 'Pasien mendaftar antrean daring', 'orang', [1200, 1500, 1800], [1310, 1620, 1875]],
        [a, 'kemanfaatan', 'Pasien terlayani dalam 60 menit', '%', [70, 75, 80], [72.5, 78, 81.5]],
        [b, 'output', 'Minyak jelantah terkumpul', 'liter', [800, 900, 1000], [845, 910, 760]],
        [b, 'keberlanjutan', 'Bank sampah mitra aktif', 'unit', [12, 14, 16], [12, 15, 16]],
        [c, 'output', 'Desa yang dilayani', 'desa', [6, 8, 10], [6, 9]],
        [d, 'output', 'Sambungan baru dengan cicilan', 'sambungan', [40, 45, 50], [41, 47, 52]],
      ];
      for (const [i, kind, name, measure, targets, real] of plan) {
        const ind = addIndicatorNow(i.id, { kind, name, measure, kontrak_kinerja: '', targets: targets.map((target, q) => ({ year: 2026, quarter: q + 1, target })) });
        real.forEach((realisation, q) => {
          const r = saveReportNow(i.id, { year: 2026, quarter: q + 1, narrative: `Pelaksanaan ${i.title} triwulan ${q + 1} berjalan sesuai rencana aksi.`, obstacles: '', follow_up: '', values: [{ indicator_id: ind.id, realisation }] });
          r.reported_at = received[q];
        });
      }
      forwardings.set('fwd-demo', { id: 'fwd-demo', innovation: d.id, level: 'provinsi', year: 2025, outcome: 'Top 15 Kompetisi Inovasi Pelayanan Publik Provinsi', note: '' });
      evaluations.set('eval-demo', { id: 'eval-demo', innovation: d.id, period: '2025', verdict: 'berlanjut', recommendation: 'Dilanjutkan dan diusulkan masuk Perbup daftar inovasi daerah.', evaluated_by: ACTOR, evaluated_at: now() });
    },

    async listUnits() {
      return live().map(unitView).sort((a, b) => (a.code || '~').localeCompare(b.code || '~') || a.name.localeCompare(b.name));
    },
    async addUnit(input) {
      if (!input.name.trim()) fail('invalid_input', 'Nama unit wajib diisi.', 'The unit name is required.');
      if (input.unit_type && !UNIT_TYPES.includes(input.unit_type)) fail('invalid_input', 'Jenis unit tidak dikenal.', 'Unknown unit type.');
      const u = { id: id('unit'), code: input.code.trim(), name: input.name.trim(), unit_type: input.unit_type, innovations: 0, removed: false };
      units.set(u.id, u);
      return unitView(u);
    },
    async updateUnit(uid, input) {
      const u = units.get(uid) ?? fail('not_found', 'Unit tidak ditemukan.', 'Unit not found.');
      Object.assign(u, { code: input.code.trim(), name: input.name.trim(), unit_type: input.unit_type });
      return unitView(u);
    },
    async removeUnit(uid) {
      const u = units.get(uid) ?? fail('not_found', 'Unit tidak ditemukan.', 'Unit not found.');
      u.removed = true;
    },
    async listInnovations(f) {
      const q = matchKey(f.query);
      return [...innovations.values()]
        .filter((i) => f.include_removed || !i.removed)
        .filter((i) => !q || [i.code, i.title, i.unit, i.description].some((s) => matchKey(s).includes(q)))
        .filter((i) => !f.stage || i.stage === f.stage)
        .filter((i) => !f.unit_type || i.unit_type === f.unit_type)
        .filter((i) => !f.unit_id || i.unit_id === f.unit_id)
        .sort((a, b) => a.code.localeCompare(b.code))
        .map(clone);
    },
    async innovationDetail(iid) {
      const inv = innovation(iid);
      return clone({
        innovation: inv,
        entries: [],
        forwardings: [...forwardings.values()].filter((f) => f.innovation === iid).map(({ innovation: _, ...f }) => f),
        indicators: indicatorsOf(iid),
        reports: [...reports.values()].filter((r) => r.innovation_id === iid).sort((a, b) => a.year - b.year || a.quarter - b.quarter),
        evaluations: [...evaluations.values()].filter((e) => e.innovation === iid).map(({ innovation: _, ...e }) => e),
      });
    },
    async addInnovation(input) {
      return add(input);
    },
    async updateInnovation(iid, input) {
      const inv = innovation(iid);
      checkInnovation(input);
      const u = ensureUnit(input.unit, input.unit_type);
      Object.assign(inv, { title: input.title.trim(), unit_id: u.id, unit: u.name, unit_code: u.code, unit_type: u.unit_type || input.unit_type, start_year: input.start_year, description: input.description, stage: input.stage, updated_at: now() });
      log(iid, 'updated');
      return clone(inv);
    },
    async removeInnovation(iid, reason) {
      const inv = innovation(iid);
      if (!reason.trim()) fail('invalid_input', 'Alasan penghapusan wajib diisi.', 'A reason for removal is required.');
      inv.removed = true;
      inv.removed_reason = reason.trim();
      log(iid, 'removed', reason.trim());
    },
    async restoreInnovation(iid) {
      const inv = innovation(iid);
      inv.removed = false;
      inv.removed_reason = '';
      log(iid, 'restored');
      return clone(inv);
    },
    async innovationHistory(iid) {
      innovation(iid);
      return clone(history.get(iid) ?? []);
    },
    async addForwarding(iid, input) {
      innovation(iid);
      const f = { id: id('fwd'), innovation: iid, ...input };
      forwardings.set(f.id, f);
      log(iid, 'forwarded');
      const { innovation: _, ...out } = f;
      return out;
    },
    async removeForwarding(fid) {
      forwardings.delete(fid);
    },
    async promoteProposals(competitionId, request) {
      const all = db.proposals(competitionId).filter((p) => !['tidak_lolos_administrasi', 'mengundurkan_diri', 'didiskualifikasi'].includes(p.status));
      const chosen = request.scope === 'chosen' ? all.filter((p) => request.codes.some((c) => matchKey(c) === matchKey(p.code))) : all;
      let added = 0;
      let linked = 0;
      const codes: string[] = [];
      const unitsBefore = units.size;
      for (const p of chosen) {
        const same = [...innovations.values()].find((i) => matchKey(i.title) === matchKey(p.title) && matchKey(i.unit) === matchKey(p.unit));
        if (same) {
          linked++;
          codes.push(same.code);
          continue;
        }
        const inv = add({ code: '', title: p.title, unit: p.unit, unit_type: p.unit_type, start_year: p.start_year, description: p.summary, stage: (p.start_year ?? 9999) < 2026 ? 'penerapan' : 'uji_coba' });
        added++;
        codes.push(inv.code);
      }
      return { selected: chosen.length, added, linked, already: 0, units_added: units.size - unitsBefore, innovations: codes };
    },
    async addIndicator(iid, input) {
      return addIndicatorNow(iid, input);
    },
    async updateIndicator(did, input) {
      const d = indicators.get(did) ?? fail('not_found', 'Indikator tidak ditemukan.', 'Indicator not found.');
      checkIndicator(input);
      Object.assign(d, { ...clone(input), targets: [...input.targets].sort((a, b) => a.year - b.year || a.quarter - b.quarter) });
      return clone(d);
    },
    async removeIndicator(did) {
      indicators.delete(did);
    },
    async saveReport(iid, input) {
      return saveReportNow(iid, input);
    },
    async addEvidence(reportId, fileName, mime, bytes) {
      const r = reports.get(reportId) ?? fail('not_found', 'Laporan tidak ditemukan.', 'Report not found.');
      if (bytes.length > MAX_EVIDENCE)
        fail('invalid_input', `Berkas bukti ${fileName} melebihi batas 10 MB.`, `The evidence file ${fileName} is over the 10 MB limit.`);
      if (bytes.length === 0) fail('invalid_input', 'Berkas bukti kosong.', 'The evidence file is empty.');
      const info: EvidenceInfo = { id: id('ev'), file_name: fileName, mime, size: bytes.length, sha256: '', added_by: ACTOR, added_at: now() };
      evidence.set(info.id, { info, bytes, report: reportId });
      r.evidence.push(info);
      return clone(info);
    },
    async evidenceFile(eid) {
      return new Uint8Array((evidence.get(eid) ?? fail('not_found', 'Bukti tidak ditemukan.', 'Evidence not found.')).bytes);
    },
    async removeEvidence(eid) {
      const e = evidence.get(eid);
      if (!e) return;
      const r = reports.get(e.report);
      if (r) r.evidence = r.evidence.filter((x) => x.id !== eid);
      evidence.delete(eid);
    },
    async saveEvaluation(iid, input) {
      innovation(iid);
      if (!input.period.trim()) fail('invalid_input', 'Periode evaluasi wajib diisi.', 'The evaluation period is required.');
      const existing = [...evaluations.values()].find((e) => e.innovation === iid && e.period === input.period.trim());
      const e = { id: existing?.id ?? id('eval'), innovation: iid, period: input.period.trim(), verdict: input.verdict, recommendation: input.recommendation, evaluated_by: ACTOR, evaluated_at: now() };
      evaluations.set(e.id, e);
      log(iid, 'evaluated');
      const { innovation: _, ...out } = e;
      return out;
    },
    async quarterStatuses(year, quarter, today) {
      return liveInnovations().filter((i) => monitored(i.id, year, quarter)).map((i) => status(i, year, quarter, today));
    },
    async monitoringDashboard(q) {
      const { year, quarter } = q.year !== null && q.quarter !== null ? { year: q.year, quarter: q.quarter } : previousQuarter(q.today);
      const invs = liveInnovations();
      const by_stage: Count[] = STAGES.map((s) => ({ key: s, count: invs.filter((i) => i.stage === s).length }));
      const by_unit_type: Count[] = UNIT_TYPES.map((t) => ({ key: t, count: invs.filter((i) => i.unit_type === t).length }));
      const stopped = new Set([...evaluations.values()].filter((e) => e.verdict === 'dihentikan').map((e) => e.innovation));
      const active = new Set(invs.filter((i) => (i.start_year ?? 0) <= year && !stopped.has(i.id)).map((i) => i.unit_id));
      const all = live();
      const without = all.filter((u) => !active.has(u.id)).map(unitView);
      const statuses = await mock.quarterStatuses(year, quarter, q.today);
      const overdue = [];
      for (const i of invs) {
        const quarters = new Set(indicatorsOf(i.id).flatMap((d) => d.targets.map((t) => `${t.year}-${t.quarter}`)));
        for (const yq of [...quarters].sort()) {
          const [y, qu] = yq.split('-').map(Number);
          const due = dueDate(y, qu, dueDays);
          if (q.today > due && !reportOf(i.id, y, qu))
            overdue.push({ innovation_id: i.id, code: i.code, title: i.title, unit: i.unit, year: y, quarter: qu, due_date: due, days_overdue: Math.round((Date.parse(q.today) - Date.parse(due)) / 86400000) });
        }
      }
      const progress = invs
        .filter((i) => !q.innovation_id || i.id === q.innovation_id)
        .flatMap((i) =>
          indicatorsOf(i.id).map((d) => {
            const quarters = new Map<string, { year: number; quarter: number; target: number | null; realisation: number | null }>();
            for (const t of d.targets) quarters.set(`${t.year}-${t.quarter}`, { year: t.year, quarter: t.quarter, target: t.target, realisation: null });
            for (const r of reports.values())
              if (r.innovation_id === i.id) {
                const v = r.values.find((x) => x.indicator_id === d.id);
                if (!v) continue;
                const k = `${r.year}-${r.quarter}`;
                const p = quarters.get(k) ?? { year: r.year, quarter: r.quarter, target: null, realisation: null };
                p.realisation = v.realisation;
                quarters.set(k, p);
              }
            const points = [...quarters.values()].sort((a, b) => a.year - b.year || a.quarter - b.quarter);
            return { innovation_id: i.id, innovation_code: i.code, indicator_id: d.id, name: d.name, kind: d.kind, measure: d.measure, points };
          }),
        );
      const dash: Dashboard = {
        today: q.today, year, quarter, due_days: dueDays, innovations: invs.length, by_stage, by_unit_type,
        coverage: { year, units: all.length, covered: all.length - without.length, percent: all.length ? ((all.length - without.length) * 100) / all.length : 0, without },
        status_counts: STATUS_ORDER.map((s) => ({ key: s, count: statuses.filter((x) => x.status === s).length })),
        statuses, overdue,
        without_output_indicator: invs.filter((i) => !indicatorsOf(i.id).some((d) => d.kind === 'output')).map((i) => ({ innovation_id: i.id, code: i.code, title: i.title, unit: i.unit })),
        progress,
      };
      return dash;
    },
    async monitoringDueDays() {
      return dueDays;
    },
    async setMonitoringDueDays(days) {
      if (!Number.isInteger(days) || days < 0 || days > 366) fail('invalid_input', 'Batas hari harus 0–366.', 'The due day must be 0–366.');
      dueDays = days;
      return days;
    },
    async previewMonitoringImport(kind, bytes) {
      return planImport(kind, bytes).preview;
    },
    async importMonitoring(kind, bytes) {
      const { preview, apply } = planImport(kind, bytes);
      if (preview.errors.length)
        fail('import_refused', 'Impor ditolak: berkas masih memuat kesalahan. Tidak ada data yang diubah.', 'Import refused: the file still has errors. Nothing was changed.');
      apply();
      return preview;
    },
    async listIkmSurveys() {
      const keys = new Map<string, { unit: string; period: string; respondents: number }>();
      for (const r of ikm) {
        const k = `${matchKey(r.unit)}|${r.period}`;
        const s = keys.get(k) ?? { unit: r.unit, period: r.period, respondents: 0 };
        s.respondents++;
        keys.set(k, s);
      }
      return [...keys.values()].sort((a, b) => a.unit.localeCompare(b.unit) || a.period.localeCompare(b.period));
    },
    async ikmResult(unit, period) {
      return ikmOf(unit, period);
    },
    async ikmTrend(unit) {
      const periods = [...new Set(ikm.filter((r) => matchKey(r.unit) === matchKey(unit)).map((r) => r.period))].sort();
      return periods.map((p) => ikmOf(unit, p));
    },
    async recordIkmResponse(input) {
      if (!input.unit.trim()) fail('invalid_input', 'Unit layanan wajib diisi.', 'The service unit is required.');
      if (!input.period.trim()) fail('invalid_input', 'Periode wajib diisi.', 'The period is required.');
      if (input.answers.length !== 9 || input.answers.some((a) => a !== null && ![1, 2, 3, 4].includes(a)))
        fail('invalid_input', 'Jawaban harus 1–4 atau kosong.', 'Answers must be 1–4 or blank.');
      if (input.answers.every((a) => a === null)) fail('invalid_input', 'Belum ada jawaban.', 'No answer given.');
      ikm.push({ unit: input.unit.trim(), period: input.period.trim(), answers: [...input.answers] });
      return ikmOf(input.unit, input.period);
    },
    async importIkm(bytes) {
      const { head, body } = readCsv(bytes);
      const at = (name: string) => head.indexOf(name);
      const rows = body.map((row, i) => {
        const answers = Array.from({ length: 9 }, (_, k) => {
          const v = (row[at(`u${k + 1}`)] ?? '').trim();
          if (v === '') return null;
          if (!/^[1-4]$/.test(v)) fail('import_refused', `Baris ${i + 2}, kolom u${k + 1}: jawaban harus 1–4.`, `Row ${i + 2}, column u${k + 1}: answers must be 1–4.`);
          return Number(v);
        });
        return { unit: (row[at('unit')] ?? '').trim(), period: (row[Math.max(at('periode'), at('period'))] ?? '').trim(), answers };
      });
      const pairs = new Set(rows.map((r) => `${matchKey(r.unit)}|${r.period}`));
      const before = ikm.length;
      for (let i = ikm.length - 1; i >= 0; i--) if (pairs.has(`${matchKey(ikm[i].unit)}|${ikm[i].period}`)) ikm.splice(i, 1);
      ikm.push(...rows);
      return { respondents: rows.length, surveys: pairs.size, replaced: before - (ikm.length - rows.length) };
    },
    async saveMonitoringReport(request) {
      if (request.kind === 'workbook') return { path: `/home/pengguna/Dokumen/data-monitoring-${request.today}.xlsx`, files: 1 };
      const unit = request.kind === 'monitoring' && request.unit ? `-${request.unit.toLowerCase().replace(/[^a-z0-9]+/g, '-')}` : '';
      const name = request.kind === 'monitoring' ? `laporan-monev-tw${request.quarter}-${request.year}${unit}.pdf` : `laporan-ikm-${request.period}.pdf`;
      return { path: `/home/pengguna/Dokumen/${name}`, files: 1 };
    },
    async saveEvidenceFile(eid) {
      const e = evidence.get(eid) ?? fail('not_found', 'Bukti tidak ditemukan.', 'Evidence not found.');
      return { path: `/home/pengguna/Dokumen/${e.info.file_name}`, files: 1 };
    },
  } satisfies MonitoringApi & { seedDemo(): void };

  function addIndicatorNow(iid: string, input: IndicatorInput): Indicator {
    innovation(iid);
    checkIndicator(input);
    const d: Indicator = { id: id('ind'), innovation_id: iid, ...clone(input) };
    indicators.set(d.id, d);
    return clone(d);
  }

  function saveReportNow(iid: string, input: Parameters<JuriApi['saveReport']>[1]): QuarterlyReport {
    innovation(iid);
    if (input.quarter < 1 || input.quarter > 4) fail('invalid_input', 'Triwulan harus 1–4.', 'The quarter must be 1–4.');
    for (const v of input.values) {
      if (!indicators.has(v.indicator_id)) fail('not_found', 'Indikator tidak ditemukan.', 'Indicator not found.');
      if (!Number.isFinite(v.realisation) || v.realisation < 0) fail('invalid_input', 'Realisasi tidak boleh negatif.', 'A realisation cannot be negative.');
    }
    const at = now();
    let r = reportOf(iid, input.year, input.quarter);
    if (!r) {
      r = { id: id('rep'), innovation_id: iid, year: input.year, quarter: input.quarter, narrative: '', obstacles: '', follow_up: '', reported_by: ACTOR, reported_at: at, updated_at: at, values: [], evidence: [] };
      reports.set(r.id, r);
    }
    if (input.narrative.trim()) r.narrative = input.narrative;
    if (input.obstacles.trim()) r.obstacles = input.obstacles;
    if (input.follow_up.trim()) r.follow_up = input.follow_up;
    for (const v of input.values) r.values = [...r.values.filter((x) => x.indicator_id !== v.indicator_id), v];
    r.updated_at = at;
    log(iid, 'reported');
    return clone(r);
  }

  return mock;
}
