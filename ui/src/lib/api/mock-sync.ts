// Offline judging in the in-browser mock: judge kits, score packages, the merge with its conflicts
// and judge mode. It follows crates/core/src/sync closely enough to click through; the backend stays
// the reference. The "signature" here is a plain checksum, NOT cryptography, and the judges' keys
// are derived from the competition and the judge code so that test files can be made outside the
// page: the mock only has to tell a changed or foreign file apart.
import type { Competition } from '../bindings/Competition';
import type { JudgeInput } from '../bindings/JudgeInput';
import type { MergeConflict } from '../bindings/MergeConflict';
import type { PackageFile } from '../bindings/PackageFile';
import type { PackageReport } from '../bindings/PackageReport';
import type { Proposal } from '../bindings/Proposal';
import type { Setup } from '../bindings/Setup';
import type { JuriApi } from './index';
import { clone, fail, now, say } from './mock-base';
import { conflicted, covers, upsert, type Store } from './mock-scoring';

const EXCLUDED = ['tidak_lolos_administrasi', 'mengundurkan_diri', 'didiskualifikasi'];
const HEADER = 'JURINILAI 1\n';
const MAC_MARK = '\nMAC ';

export interface KitProposal {
  code: string;
  title: string;
  category: string;
  unit: string;
  unit_type: string;
  summary: string;
  start_year: number | null;
}

/** The kit's layout, as the backend writes it (`<judge>.jurikit`, JSON). */
export interface MockKit {
  format: string;
  version: number;
  competition_id: string;
  setup: Setup;
  proposals: KitProposal[];
  judge: JudgeInput;
  key: string;
  created_at: string;
}

export interface ScoreEvent {
  id: string;
  stage: string;
  proposal: string;
  criterion: string;
  old: number | null;
  new: number;
  at: string;
  device: string;
}

export interface PackagePayload {
  format: string;
  competition_id: string;
  judge: string;
  exported_at: string;
  device: string;
  events: ScoreEvent[];
}

/** What the sync mock needs from the rest of the mock. */
export interface SyncDb {
  competition(id: string): Competition;
  hasCompetition(id: string): boolean;
  /** How many competitions this laptop holds. */
  competitionCount(): number;
  /** Creates the competition under this id, or replaces the setup of the one that has it. */
  putCompetition(id: string, setup: Setup): void;
  setActive(id: string): void;
  /** The competition's proposals that are not removed. */
  proposals(competitionId: string): Proposal[];
  /** Adds a kit's proposal (screening passed) when no proposal has its code. */
  addKitProposal(competitionId: string, p: KitProposal): void;
  store(competitionId: string): Store;
}

type SyncApi = Pick<
  JuriApi,
  'appMode' | 'exportKit' | 'openKit' | 'exportPackage' | 'previewMerge' | 'applyMerge' | 'listConflicts' | 'resolveConflict'
>;

interface Conflict extends MergeConflict {
  competition: string;
  resolved: 'package' | 'master' | null;
}

interface SyncState {
  /** Values that came from a package: `stage|proposal|judge|criterion` → the event and its time. Absent = entered here. */
  sources: Map<string, { event: string; at: string }>;
  /** Events merged (or held as a conflict), each taken once. */
  known: Set<string>;
  /** Judges whose kit was exported (the master then holds their key). */
  keyed: Set<string>;
  /** On a judge's laptop: every change of this judge's scores, oldest first. */
  history: ScoreEvent[];
}

// ---- checksum standing in for HMAC-SHA256 (mock only) ----

function fnv(seed: number, text: string): string {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/** 64 lower-case hex digits over key and text. */
export function mockMac(key: string, text: string): string {
  let out = '';
  for (let seed = 1; seed <= 8; seed++) out += fnv(seed * 0x9e3779b1, `${key}\u0000${text}`);
  return out;
}

/** The mock's key for a judge: derived, so that scripts and tests can sign packages too. */
export const mockKey = (competitionId: string, judge: string) => mockMac('juri-mock-key', `${competitionId}|${judge.toUpperCase()}`);

const encode = (text: string) => Array.from(new TextEncoder().encode(text));
const decode = (bytes: number[]) => new TextDecoder().decode(new Uint8Array(bytes));

/** A package's bytes: header, payload JSON, `MAC` line, as the backend lays it out. */
export function sealPackage(payload: PackagePayload, key: string): number[] {
  const body = JSON.stringify(payload);
  return encode(`${HEADER}${body}${MAC_MARK}${mockMac(key, body)}\n`);
}

let eventSeq = 0;
/** Ordered by time of creation, like the backend's UUID v7. */
export function newEventId(): string {
  const time = Date.now().toString(16).padStart(12, '0');
  const seq = (eventSeq++ % 0x10000).toString(16).padStart(4, '0');
  const rand = Math.floor(Math.random() * 2 ** 48).toString(16).padStart(12, '0');
  return `${time.slice(0, 8)}-${time.slice(8)}-${seq}-${rand.slice(0, 4)}-${rand.slice(4)}`;
}

const DEVICE = 'pratinjau-peramban';

export function syncMock(db: SyncDb): SyncApi & {
  /** Called by the scoring mock when a value is entered on this laptop. */
  scoreEntered(competitionId: string, key: string): void;
  judgeMode(): string | null;
  /** The kit the backend would write (tests and scripts). */
  buildKit(competitionId: string, judge: string): MockKit;
  /** The package the backend would write on this judge's laptop (tests and scripts). */
  packageBytes(): number[];
  /** Back to an organiser's laptop (tests only). */
  leaveJudgeMode(): void;
} {
  const mode = { judge: null as string | null, key: '', competition: '' };
  const states = new Map<string, SyncState>();
  let conflicts: Conflict[] = [];

  function state(competitionId: string): SyncState {
    let s = states.get(competitionId);
    if (!s) {
      s = { sources: new Map(), known: new Set(), keyed: new Set(), history: [] };
      states.set(competitionId, s);
    }
    return s;
  }

  const refuse = (id: string, en: string): never => fail('bad_package', id, en);
  const judgeOf = (competitionId: string, code: string) => db.store(competitionId).judges.find((j) => j.code === code);

  function buildKit(competitionId: string, judgeCode: string): MockKit {
    const comp = db.competition(competitionId);
    const judge =
      db.store(competitionId).judges.find((j) => j.code.toLowerCase() === judgeCode.trim().toLowerCase()) ??
      fail('not_found', `Juri ${judgeCode} tidak ditemukan.`, `Judge ${judgeCode} not found.`);
    const { id: _, ...input } = judge;
    return clone({
      format: 'juri-kit',
      version: 1,
      competition_id: comp.id,
      setup: comp.setup,
      proposals: db
        .proposals(competitionId)
        .filter((p) => !EXCLUDED.includes(p.status) && covers(judge, p.category) && !conflicted(judge, p))
        .map(({ code, title, category, unit, unit_type, summary, start_year }) => ({ code, title, category, unit, unit_type, summary, start_year })),
      judge: input,
      key: mockKey(comp.id, judge.code),
      created_at: now(),
    });
  }

  function packageBytes(): number[] {
    if (!mode.judge) refuse('Laptop ini bukan laptop juri; paket nilai hanya dibuat di laptop juri.', 'This is not a judge laptop; score packages are made on judge laptops only.');
    const payload: PackagePayload = {
      format: 'juri-nilai',
      competition_id: mode.competition,
      judge: mode.judge!,
      exported_at: now(),
      device: DEVICE,
      events: clone(state(mode.competition).history),
    };
    return sealPackage(payload, mode.key);
  }

  /** Checks a package against this competition and returns its trusted payload. */
  function verify(competitionId: string, bytes: number[]): PackagePayload {
    if (bytes.length > 64 * 1024 * 1024) refuse('Berkas terlalu besar untuk sebuah paket Juri.', 'The file is too large to be a Juri package.');
    const text = decode(bytes);
    const notPackage = () =>
      refuse('Berkas ini bukan paket nilai Juri atau isinya terpotong.', 'This file is not a Juri score package, or it is truncated.');
    const tampered = () =>
      refuse(
        'Tanda tangan paket tidak cocok: isi paket telah diubah atau bukan dari juri ini. Tidak ada nilai yang diambil.',
        'The package signature does not match: its content was changed or it is not from this judge. No score was taken.',
      );
    if (!text.startsWith(HEADER)) notPackage();
    const rest = text.slice(HEADER.length);
    const mark = rest.lastIndexOf(MAC_MARK);
    if (mark < 0) notPackage();
    const body = rest.slice(0, mark);
    const mac = rest.slice(mark + MAC_MARK.length).replace(/\n$/, '');
    if (!/^[0-9a-f]{64}$/.test(mac)) tampered();
    let payload: PackagePayload;
    try {
      payload = JSON.parse(body) as PackagePayload;
    } catch {
      return tampered();
    }
    if (payload.format !== 'juri-nilai') notPackage();
    if (payload.competition_id !== competitionId) refuse('Paket ini milik kompetisi lain.', 'This package belongs to another competition.');
    const judge = judgeOf(competitionId, payload.judge);
    if (!judge) refuse(`Juri ${payload.judge} tidak terdaftar di kompetisi ini.`, `Judge ${payload.judge} is not on this competition's jury.`);
    if (!state(competitionId).keyed.has(judge!.code))
      refuse(`Belum ada kit untuk juri ${judge!.code}; paketnya tidak dapat diperiksa.`, `No kit was exported for judge ${judge!.code}; the package cannot be checked.`);
    if (mockMac(mockKey(competitionId, judge!.code), body) !== mac) tampered();
    return payload;
  }

  function merge(competitionId: string, files: PackageFile[], commit: boolean): PackageReport[] {
    const comp = db.competition(competitionId);
    const store = db.store(competitionId);
    const sync = state(competitionId);
    const proposals = new Map(db.proposals(competitionId).map((p) => [p.code, p]));
    // Worked on copies: a dry run leaves everything as it was.
    const scores = new Map(store.scores);
    const sources = new Map(sync.sources);
    const known = new Set(sync.known);
    const added: Conflict[] = [];

    const reports: PackageReport[] = [];
    const events: { r: number; judge: string; ev: ScoreEvent }[] = [];
    for (const f of files) {
      const report: PackageReport = {
        file: f.name, judge: null, events: 0, new: 0, changed: 0, unchanged: 0, already_merged: 0, conflicts: 0, comments: 0, finals: 0, refused_events: [], refused: null, duplicate_of: null, warnings: [],
      };
      try {
        const payload = verify(competitionId, f.bytes);
        report.judge = payload.judge;
        report.events = payload.events.length;
        for (const ev of payload.events) events.push({ r: reports.length, judge: payload.judge, ev });
      } catch (e) {
        report.refused = (e as { message: string }).message;
      }
      reports.push(report);
    }
    events.sort((a, b) => (a.ev.at < b.ev.at ? -1 : a.ev.at > b.ev.at ? 1 : a.ev.id < b.ev.id ? -1 : a.ev.id > b.ev.id ? 1 : 0));

    const problem = (judgeCode: string, ev: ScoreEvent): string | null => {
      const stage = comp.setup.stages.find((s) => s.code === ev.stage);
      if (!stage) return say(`tahap ${ev.stage} tidak dikenal`, `unknown stage ${ev.stage}`);
      const crit = stage.criteria.find((c) => c.code === ev.criterion);
      if (!crit) return say(`kriteria ${ev.criterion} tidak dikenal`, `unknown criterion ${ev.criterion}`);
      const p = proposals.get(ev.proposal);
      if (!p) return say(`proposal ${ev.proposal} tidak dikenal`, `unknown proposal ${ev.proposal}`);
      if (!Number.isFinite(ev.new) || ev.new < crit.min || ev.new > crit.max)
        return say(
          `${ev.proposal} ${ev.criterion}: nilai ${ev.new} di luar rentang ${crit.min}–${crit.max}`,
          `${ev.proposal} ${ev.criterion}: score ${ev.new} outside ${crit.min}–${crit.max}`,
        );
      if (conflicted(judgeOf(competitionId, judgeCode)!, p))
        return say(`${ev.proposal}: juri memiliki konflik kepentingan`, `${ev.proposal}: the judge has a conflict of interest`);
      if (store.locks.has(ev.stage)) return say(`tahap ${ev.stage} sudah dikunci`, `stage ${ev.stage} is locked`);
      return null;
    };

    for (const { r, judge, ev } of events) {
      const report = reports[r];
      if (known.has(ev.id)) {
        report.already_merged++;
        continue;
      }
      const why = problem(judge, ev);
      if (why) {
        report.refused_events.push(why); // not recorded: a later merge may take it once the reason is gone
        continue;
      }
      known.add(ev.id);
      const key = `${ev.stage}|${ev.proposal}|${judge}|${ev.criterion}`;
      const value = scores.get(key);
      const source = sources.get(key);
      if (value === undefined) {
        scores.set(key, ev.new);
        sources.set(key, { event: ev.id, at: ev.at });
        report.new++;
      } else if (!source) {
        // Entered on this laptop (paper sheet, form, file): never overwritten silently.
        if (value === ev.new) report.unchanged++;
        else {
          added.push({
            competition: competitionId, event_id: ev.id, stage: ev.stage, proposal: ev.proposal, judge, criterion: ev.criterion,
            master_value: value, package_value: ev.new, event_at: ev.at, resolved: null,
          });
          report.conflicts++;
        }
      } else if (ev.at > source.at || (ev.at === source.at && ev.id > source.event)) {
        scores.set(key, ev.new);
        sources.set(key, { event: ev.id, at: ev.at });
        if (value === ev.new) report.unchanged++;
        else report.changed++;
      } else {
        report.unchanged++; // an older event arriving late
      }
    }

    if (commit) {
      for (const [k, v] of scores) store.scores.set(k, v);
      sync.sources = sources;
      sync.known = known;
      conflicts = conflicts.concat(added);
    }
    return reports;
  }

  return {
    async appMode() {
      return { judge: mode.judge };
    },
    async exportKit(competitionId, judge) {
      const kit = buildKit(competitionId, judge);
      state(competitionId).keyed.add(kit.judge.code);
      return `/home/pengguna/Dokumen/${kit.judge.code}.jurikit`;
    },
    async openKit(bytes, overData) {
      const bad = (why: string) => refuse(`Berkas ini bukan kit juri Juri (${why}).`, `This file is not a Juri judge kit (${why}).`);
      if (bytes.length > 20 * 1024 * 1024) refuse('Berkas terlalu besar untuk sebuah paket Juri.', 'The file is too large to be a Juri package.');
      let kit: MockKit;
      try {
        kit = JSON.parse(decode(bytes)) as MockKit;
      } catch (e) {
        return bad(String((e as Error).message ?? e));
      }
      if (kit?.format !== 'juri-kit' || kit.version !== 1 || !/^[0-9a-f]{64}$/.test(kit.key ?? '') || !kit.setup || !kit.judge?.code)
        bad('format');
      if (mode.judge !== null && mode.judge.toLowerCase() !== kit.judge.code.toLowerCase())
        refuse(
          `Kit ini untuk juri ${kit.judge.code}, sedangkan laptop ini laptop juri ${mode.judge}. Kit tidak dibuka.`,
          `This kit is for judge ${kit.judge.code}, but this is judge ${mode.judge}'s laptop. The kit was not opened.`,
        );
      const held = db.competitionCount();
      const keptCopy = mode.judge === null && held > 0 ? '/home/pengguna/.local/share/id.juri.app/juri.sqlite3.before-kit.bak' : null;
      if (keptCopy && !overData)
        refuse(
          `Basis data ini sudah berisi ${held} kompetisi (mungkin laptop panitia). Kit tidak dibuka; buka di laptop juri yang kosong atau konfirmasi agar data lama disalin dulu.`,
          `This database already holds ${held} competition(s) (perhaps the organiser's laptop). The kit was not opened; open it on an empty judge's laptop, or confirm so the old data is copied first.`,
        );
      db.putCompetition(kit.competition_id, kit.setup);
      for (const p of kit.proposals ?? []) db.addKitProposal(kit.competition_id, p);
      upsert(db.store(kit.competition_id), { ...kit.judge });
      db.setActive(kit.competition_id);
      Object.assign(mode, { judge: kit.judge.code, key: kit.key, competition: kit.competition_id });
      return { competition: clone(db.competition(kit.competition_id)), kept_copy: keptCopy };
    },
    async exportPackage() {
      packageBytes();
      const stamp = now().slice(0, 16).replace(/:/g, '');
      return `/home/pengguna/Dokumen/${mode.judge}-${stamp}.jurinilai`;
    },
    async previewMerge(competitionId, files) {
      return merge(competitionId, files, false);
    },
    async applyMerge(competitionId, files) {
      return merge(competitionId, files, true);
    },
    async listConflicts(competitionId) {
      db.competition(competitionId);
      return conflicts
        .filter((c) => c.competition === competitionId && c.resolved === null)
        .sort((a, b) => (a.event_at < b.event_at ? -1 : a.event_at > b.event_at ? 1 : a.event_id.localeCompare(b.event_id)))
        .map(({ competition: _, resolved: __, ...c }) => clone(c));
    },
    async resolveConflict(eventId, takePackage) {
      const c =
        conflicts.find((x) => x.event_id === eventId && x.resolved === null) ??
        fail('not_found', 'Konflik tidak ditemukan atau sudah diputuskan.', 'Conflict not found or already decided.');
      if (takePackage) {
        // From now on the judge's laptop owns this value again.
        const key = `${c.stage}|${c.proposal}|${c.judge}|${c.criterion}`;
        db.store(c.competition).scores.set(key, c.package_value);
        state(c.competition).sources.set(key, { event: c.event_id, at: c.event_at });
      }
      c.resolved = takePackage ? 'package' : 'master';
    },
    scoreEntered(competitionId, key) {
      const sync = state(competitionId);
      if (!mode.judge) {
        // Entered on the master: from now on a different package value is a conflict.
        sync.sources.delete(key);
        return;
      }
      const [stage, proposal, , criterion] = key.split('|');
      const value = db.store(competitionId).scores.get(key);
      if (value === undefined) return;
      const previous = [...sync.history].reverse().find((e) => e.stage === stage && e.proposal === proposal && e.criterion === criterion);
      sync.history.push({ id: newEventId(), stage, proposal, criterion, old: previous?.new ?? null, new: value, at: new Date().toISOString(), device: DEVICE });
    },
    judgeMode: () => mode.judge,
    buildKit,
    packageBytes,
    leaveJudgeMode() {
      Object.assign(mode, { judge: null, key: '', competition: '' });
    },
  };
}
