// The jury, scoring sheets, locks, venue order and recap of the in-browser mock. It follows the
// backend's rules (FORMATS.md §3–§6) closely enough to click through; the backend stays the reference.
import type { ApiError } from '../bindings/ApiError';
import type { Competition } from '../bindings/Competition';
import type { Judge } from '../bindings/Judge';
import type { JudgeInput } from '../bindings/JudgeInput';
import type { PresentationSlot } from '../bindings/PresentationSlot';
import type { Proposal } from '../bindings/Proposal';
import type { RecapView } from '../bindings/RecapView';
import type { Recusal } from '../bindings/Recusal';
import type { StageSetup } from '../bindings/StageSetup';
import type { JuriApi } from './index';
import { clone, fail, matchKey, mockState, now, readCsv, say, wait } from './mock-base';
import { computeRecap, winnersDiffer, type RankedProposal, type ScoreValue } from './mock-recap';

export const UNSUR = ['akademisi', 'LSM', 'birokrasi', 'praktisi', 'media'];
const EXCLUDED = ['tidak_lolos_administrasi', 'mengundurkan_diri', 'didiskualifikasi'];

/** What the scoring mock needs from the rest of the mock. */
export interface MockDb {
  competition(id: string): Competition;
  /** The competition's proposals that are not removed. */
  proposals(competitionId: string): Proposal[];
  /** The judge whose laptop this is (judge mode), or null on the organiser's master. */
  judgeMode?(): string | null;
  /** A value was entered on this laptop (form or file), under its `stage|proposal|judge|criterion` key. */
  scoreEntered?(competitionId: string, key: string): void;
}

export interface Store {
  judges: Judge[];
  /** `stage|proposal|judge|criterion` → value */
  scores: Map<string, number>;
  finals: Set<string>; // `judge|stage`
  locks: Set<string>; // stage
  order: Map<string, { position: number; method: string; seed: string }>; // `stage|proposal`
  comments: Map<string, string>; // `stage|proposal|judge`
}

type ScoringApi = Pick<
  JuriApi,
  | 'listJudges'
  | 'saveJudge'
  | 'removeJudge'
  | 'importJudges'
  | 'importScores'
  | 'judgeProgress'
  | 'judgeWorklist'
  | 'scoreSheet'
  | 'saveScore'
  | 'setSheetFinal'
  | 'lockStage'
  | 'unlockStage'
  | 'presentationOrder'
  | 'setPresentationOrder'
  | 'drawPresentationOrder'
  | 'getRecap'
  | 'saveComment'
>;

const stores = new Map<string, Store>();
let seq = 0;

function store(competitionId: string): Store {
  let s = stores.get(competitionId);
  if (!s) {
    s = { judges: [], scores: new Map(), finals: new Set(), locks: new Set(), order: new Map(), comments: new Map() };
    stores.set(competitionId, s);
  }
  return s;
}

const tidy = (s: string) => s.trim().replace(/\s+/g, ' ');
const splitList = (s: string) => s.split(';').map(tidy).filter(Boolean);
const num = (n: number) => (mockState.lang === 'id' ? String(n).replace('.', ',') : String(n));

/** The tidied input, or [column, problem] in the user's language. */
function checkJudge(input: JudgeInput): JudgeInput | [string, string] {
  const out: JudgeInput = {
    code: tidy(input.code),
    name: tidy(input.name),
    institution: tidy(input.institution),
    unsur: tidy(input.unsur),
    nip: tidy(input.nip),
    conflicts: input.conflicts.map(tidy).filter(Boolean),
    categories: input.categories.map(tidy).filter(Boolean),
  };
  if (!out.code) return ['kode', say('wajib diisi', 'is required')];
  if (!out.name) return ['nama', say('wajib diisi', 'is required')];
  if (out.unsur) {
    const u = UNSUR.find((x) => x.toLowerCase() === out.unsur.toLowerCase());
    if (!u)
      return [
        'unsur',
        say(
          `unsur "${out.unsur}" tidak dikenal (akademisi, LSM, birokrasi, praktisi, media)`,
          `unknown group "${out.unsur}" (akademisi, LSM, birokrasi, praktisi, media)`,
        ),
      ];
    out.unsur = u;
  }
  return out;
}

export function upsert(s: Store, input: JudgeInput): 'added' | 'updated' | 'unchanged' {
  const old = s.judges.find((j) => matchKey(j.code) === matchKey(input.code));
  if (!old) {
    s.judges.push({ id: `judge-${seq++}`, ...input });
    s.judges.sort((a, b) => a.code.localeCompare(b.code));
    return 'added';
  }
  const same = JSON.stringify({ ...old, id: '', code: '' }) === JSON.stringify({ ...input, id: '', code: '' });
  Object.assign(old, { ...input, code: old.code });
  return same ? 'unchanged' : 'updated';
}

export const conflicted = (j: Judge, p: { code: string; unit: string }) =>
  j.conflicts.some((c) => matchKey(c) === matchKey(p.code) || matchKey(c) === matchKey(p.unit));
export const covers = (j: Judge, category: string) => j.categories.length === 0 || j.categories.some((c) => matchKey(c) === matchKey(category));

function refuseRows(errors: { row: number; column: string; message: string }[]): never {
  // As the core sends it: the headline, and the rows in their parts.
  const e: ApiError = {
    code: 'import_refused',
    message: say(`Berkas ditolak: ${errors.length} kesalahan; tidak ada data yang diubah.`, `File refused: ${errors.length} errors; nothing was changed.`),
    rows: errors.sort((a, b) => a.row - b.row).map((r) => ({ row: r.row, field: r.column, column: r.column, problem: r.message })),
  };
  throw e;
}

export function scoringMock(db: MockDb): ScoringApi & { seedDemoJury(competitionId: string): void; storeOf(competitionId: string): Store } {
  const stage = (comp: Competition, code: string): StageSetup =>
    comp.setup.stages.find((s) => s.code === code) ?? fail('not_found', `Tahap ${code} tidak ditemukan.`, `Stage ${code} not found.`);
  const judge = (s: Store, code: string): Judge =>
    s.judges.find((j) => matchKey(j.code) === matchKey(code)) ?? fail('not_found', `Juri ${code} tidak ditemukan.`, `Judge ${code} not found.`);
  const proposal = (competitionId: string, code: string): Proposal =>
    db.proposals(competitionId).find((p) => matchKey(p.code) === matchKey(code)) ??
    fail('not_found', `Proposal ${code} tidak ditemukan.`, `Proposal ${code} not found.`);

  function scoreValues(s: Store): ScoreValue[] {
    return [...s.scores].map(([k, value]) => {
      const [stage, proposal, judge, criterion] = k.split('|');
      return { stage, proposal, judge, criterion, value };
    });
  }

  function ranked(competitionId: string): RankedProposal[] {
    return db.proposals(competitionId).map((p) => ({ code: p.code, title: p.title, unit: p.unit, category: p.category, excluded: EXCLUDED.includes(p.status) }));
  }

  function recap(competitionId: string) {
    const comp = db.competition(competitionId);
    return computeRecap(comp.setup, ranked(competitionId), scoreValues(store(competitionId)));
  }

  /** Codes of proposals that take part in a stage. */
  function reached(competitionId: string, stageCode: string): Set<string> {
    return new Set(recap(competitionId).details.filter((d) => d.stages.some((s) => s.stage === stageCode && s.reached)).map((d) => d.proposal));
  }

  function scoredCount(s: Store, st: StageSetup, p: string, j: string) {
    return st.criteria.filter((c) => s.scores.has(`${st.code}|${p}|${j}|${c.code}`)).length;
  }

  function participants(competitionId: string, stageCode: string, category: string): Proposal[] {
    const r = reached(competitionId, stageCode);
    return db
      .proposals(competitionId)
      .filter((p) => p.category === category && r.has(p.code))
      .sort((a, b) => a.code.localeCompare(b.code));
  }

  function slots(competitionId: string, stageCode: string, category: string): PresentationSlot[] {
    const s = store(competitionId);
    return participants(competitionId, stageCode, category)
      .map((p) => ({ p, o: s.order.get(`${stageCode}|${p.code}`) }))
      .sort((a, b) => (a.o ? 0 : 1) - (b.o ? 0 : 1) || (a.o?.position ?? 0) - (b.o?.position ?? 0) || a.p.code.localeCompare(b.p.code))
      .map(({ p, o }, i) => ({ position: i + 1, proposal: p.code, title: p.title, unit: p.unit, method: o?.method ?? '', seed: o?.seed ?? '' }));
  }

  function storeOrder(competitionId: string, stageCode: string, codes: string[], method: string, seed: string) {
    const s = store(competitionId);
    codes.forEach((code, i) => {
      const p = proposal(competitionId, code);
      s.order.set(`${stageCode}|${p.code}`, { position: i + 1, method, seed });
    });
  }

  return {
    async listJudges(competitionId) {
      db.competition(competitionId);
      return clone(store(competitionId).judges);
    },
    async saveJudge(competitionId, input) {
      db.competition(competitionId);
      const checked = checkJudge(input);
      if (Array.isArray(checked)) fail('invalid_input', `${checked[0]}: ${checked[1]}`, `${checked[0]}: ${checked[1]}`);
      const s = store(competitionId);
      upsert(s, checked);
      return clone(s.judges);
    },
    async removeJudge(competitionId, code) {
      db.competition(competitionId);
      const s = store(competitionId);
      const j = judge(s, code);
      s.judges = s.judges.filter((x) => x !== j);
    },
    async importJudges(competitionId, bytes) {
      db.competition(competitionId);
      const { head, body } = readCsv(bytes);
      const col = (row: string[], ...names: string[]) => {
        const i = head.findIndex((h) => names.includes(h));
        return i < 0 ? '' : (row[i] ?? '').trim();
      };
      const errors: { row: number; column: string; message: string }[] = [];
      const inputs: JudgeInput[] = [];
      const seen = new Map<string, number>();
      body.forEach((row, i) => {
        const checked = checkJudge({
          code: col(row, 'kode', 'code'),
          name: col(row, 'nama', 'name'),
          institution: col(row, 'institusi', 'institution'),
          unsur: col(row, 'unsur', 'group'),
          nip: col(row, 'nip'),
          conflicts: splitList(col(row, 'konflik', 'conflicts')),
          categories: splitList(col(row, 'kategori', 'categories')),
        });
        if (Array.isArray(checked)) return errors.push({ row: i + 2, column: checked[0], message: checked[1] });
        const first = seen.get(matchKey(checked.code));
        if (first)
          return errors.push({
            row: i + 2,
            column: 'kode',
            message: say(`kode ${checked.code} sudah dipakai di baris ${first}`, `code ${checked.code} is already used in row ${first}`),
          });
        seen.set(matchKey(checked.code), i + 2);
        inputs.push(checked);
      });
      if (errors.length) refuseRows(errors);
      const s = store(competitionId);
      const summary = { added: 0, updated: 0, unchanged: 0 };
      for (const input of inputs) summary[upsert(s, input)]++;
      return summary;
    },
    async importScores(competitionId, bytes) {
      const comp = db.competition(competitionId);
      const s = store(competitionId);
      const { head, body } = readCsv(bytes);
      const col = (row: string[], ...names: string[]) => {
        const i = head.findIndex((h) => names.includes(h));
        return i < 0 ? '' : (row[i] ?? '').trim();
      };
      const errors: { row: number; column: string; message: string }[] = [];
      const changes: [string, number][] = [];
      const seen = new Map<string, number>();
      body.forEach((row, i) => {
        const n = i + 2;
        const err = (column: string, id: string, en: string) => errors.push({ row: n, column, message: say(id, en) });
        const [st, pr, ju, cr, val] = [
          col(row, 'tahap', 'stage'),
          col(row, 'kode_proposal', 'proposal'),
          col(row, 'kode_juri', 'judge'),
          col(row, 'kode_kriteria', 'criterion'),
          col(row, 'nilai', 'score'),
        ];
        const stageDef = comp.setup.stages.find((x) => matchKey(x.code) === matchKey(st));
        if (!stageDef) return err('tahap', `tahap "${st}" tidak dikenal`, `unknown stage "${st}"`);
        const p = db.proposals(competitionId).find((x) => matchKey(x.code) === matchKey(pr));
        if (!p) return err('kode_proposal', `proposal "${pr}" tidak dikenal`, `unknown proposal "${pr}"`);
        const j = s.judges.find((x) => matchKey(x.code) === matchKey(ju));
        if (!j) return err('kode_juri', `juri "${ju}" tidak dikenal`, `unknown judge "${ju}"`);
        const c = stageDef.criteria.find((x) => matchKey(x.code) === matchKey(cr));
        if (!c) return err('kode_kriteria', `kriteria "${cr}" tidak dikenal`, `unknown criterion "${cr}"`);
        const v = Number(val.replace(',', '.'));
        if (val === '' || !Number.isFinite(v)) return err('nilai', `"${val}" bukan angka`, `"${val}" is not a number`);
        if (v < c.min || v > c.max)
          return err('nilai', `nilai ${num(v)} di luar rentang ${num(c.min)}–${num(c.max)}`, `${v} is outside the range ${c.min}–${c.max}`);
        if (conflicted(j, p))
          return err(
            'kode_juri',
            `juri ${j.code} memiliki konflik kepentingan dengan ${p.code} dan tidak boleh menilainya`,
            `judge ${j.code} has a conflict of interest with ${p.code} and may not score it`,
          );
        if (s.locks.has(stageDef.code)) return err('tahap', `tahap ${stageDef.code} sudah dikunci panitia`, `stage ${stageDef.code} is locked by the organiser`);
        const key = `${stageDef.code}|${p.code}|${j.code}|${c.code}`;
        const first = seen.get(key);
        if (first)
          return err(
            'nilai',
            `baris ganda: tahap, proposal, juri dan kriteria yang sama ada di baris ${first}`,
            `duplicate row: the same stage, proposal, judge and criterion are in row ${first}`,
          );
        seen.set(key, n);
        changes.push([key, v]);
      });
      if (errors.length) refuseRows(errors);
      const summary = { rows: body.length, added: 0, changed: 0, unchanged: 0 };
      for (const [key, v] of changes) {
        const old = s.scores.get(key);
        if (old === undefined) summary.added++;
        else if (old === v) summary.unchanged++;
        else summary.changed++;
        s.scores.set(key, v);
        db.scoreEntered?.(competitionId, key);
      }
      return summary;
    },
    async judgeProgress(competitionId, stageCode) {
      const st = stage(db.competition(competitionId), stageCode);
      const s = store(competitionId);
      const r = reached(competitionId, st.code);
      return s.judges.map((j) => {
        const out = { judge: j.code, name: j.name, scored: 0, to_score: 0, recused: 0, is_final: s.finals.has(`${j.code}|${st.code}`) };
        for (const p of db.proposals(competitionId).filter((p) => r.has(p.code) && covers(j, p.category))) {
          if (conflicted(j, p)) out.recused++;
          else if (scoredCount(s, st, p.code, j.code) === st.criteria.length) out.scored++;
          else out.to_score++;
        }
        return out;
      });
    },
    async judgeWorklist(competitionId, stageCode, judgeCode) {
      const st = stage(db.competition(competitionId), stageCode);
      const s = store(competitionId);
      const j = judge(s, judgeCode);
      const r = reached(competitionId, st.code);
      return db
        .proposals(competitionId)
        .filter((p) => r.has(p.code) && covers(j, p.category))
        .sort((a, b) => a.code.localeCompare(b.code))
        .map((p) => ({
          proposal: p.code,
          title: p.title,
          unit: p.unit,
          category: p.category,
          recused: conflicted(j, p),
          scored_criteria: scoredCount(s, st, p.code, j.code),
          total_criteria: st.criteria.length,
        }));
    },
    async scoreSheet(competitionId, stageCode, judgeCode, proposalCode) {
      const st = stage(db.competition(competitionId), stageCode);
      const s = store(competitionId);
      const j = judge(s, judgeCode);
      const p = proposal(competitionId, proposalCode);
      if (conflicted(j, p))
        fail(
          'invalid_input',
          `kode_juri: juri ${j.code} memiliki konflik kepentingan dengan ${p.code} dan tidak boleh menilainya`,
          `judge: judge ${j.code} has a conflict of interest with ${p.code} and may not score it`,
        );
      return clone({
        stage: st.code,
        stage_name: st.name,
        judge: j.code,
        proposal: p,
        criteria: st.criteria.map((c) => ({ ...c, value: s.scores.get(`${st.code}|${p.code}|${j.code}|${c.code}`) ?? null })),
        is_final: s.finals.has(`${j.code}|${st.code}`),
        locked: s.locks.has(st.code),
        comment: s.comments.get(`${st.code}|${p.code}|${j.code}`) ?? '',
      });
    },
    async saveScore(competitionId, stageCode, judgeCode, proposalCode, criterion, value) {
      const st = stage(db.competition(competitionId), stageCode);
      const s = store(competitionId);
      const c = st.criteria.find((x) => x.code === criterion) ?? fail('not_found', `Kriteria ${criterion} tidak ditemukan.`, `Criterion ${criterion} not found.`);
      // A judge's laptop saves only that judge's own scores.
      const me = db.judgeMode?.() ?? null;
      if (me !== null && matchKey(me) !== matchKey(judgeCode))
        fail(
          'bad_package',
          `Nilai milik juri ${judgeCode} tidak dapat dimasukkan ke laptop juri ${me}.`,
          `Scores of judge ${judgeCode} cannot go into the laptop of judge ${me}.`,
        );
      const p = proposal(competitionId, proposalCode);
      const j = judge(s, judgeCode);
      // Like a durable commit: the answer comes a moment later.
      await wait(250);
      if (!Number.isFinite(value) || value < c.min || value > c.max)
        fail(
          'invalid_input',
          `nilai: nilai ${num(value)} di luar rentang ${num(c.min)}–${num(c.max)}`,
          `score: ${value} is outside the range ${c.min}–${c.max}`,
        );
      if (conflicted(j, p))
        fail(
          'invalid_input',
          `kode_juri: juri ${j.code} memiliki konflik kepentingan dengan ${p.code} dan tidak boleh menilainya`,
          `judge: judge ${j.code} has a conflict of interest with ${p.code} and may not score it`,
        );
      if (s.locks.has(st.code))
        fail(
          'stage_locked',
          `Tahap ${st.code} sudah dikunci panitia; nilai tidak dapat diubah kecuali kuncinya dibuka dengan alasan.`,
          `Stage ${st.code} is locked by the organiser; scores cannot change unless it is unlocked with a reason.`,
        );
      if (s.finals.has(`${j.code}|${st.code}`))
        fail(
          'sheet_final',
          `Lembar penilaian ${j.code} untuk tahap ${st.code} sudah ditandai final; buka kembali untuk mengubah.`,
          `The sheet of ${j.code} for stage ${st.code} is marked final; reopen it to make changes.`,
        );
      const key = `${st.code}|${p.code}|${j.code}|${c.code}`;
      s.scores.set(key, value);
      db.scoreEntered?.(competitionId, key);
      return { value, at: now() };
    },
    async saveComment(competitionId, stageCode, judgeCode, proposalCode, comment) {
      const st = stage(db.competition(competitionId), stageCode);
      const s = store(competitionId);
      const j = judge(s, judgeCode);
      const p = proposal(competitionId, proposalCode);
      // Like a durable commit: the answer comes a moment later.
      await wait(250);
      if (s.locks.has(st.code))
        fail(
          'stage_locked',
          `Tahap ${st.code} sudah dikunci panitia; nilai tidak dapat diubah kecuali kuncinya dibuka dengan alasan.`,
          `Stage ${st.code} is locked by the organiser; scores cannot change unless it is unlocked with a reason.`,
        );
      const text = comment.trim();
      if ([...text].length > 5000)
        fail('invalid_input', 'catatan: terlalu panjang (maksimal 5000 karakter)', 'catatan: too long (at most 5000 characters)');
      const key = `${st.code}|${p.code}|${j.code}`;
      if (text === '') s.comments.delete(key);
      else s.comments.set(key, text);
    },
    async setSheetFinal(competitionId, judgeCode, stageCode, isFinal) {
      const st = stage(db.competition(competitionId), stageCode);
      const s = store(competitionId);
      const j = judge(s, judgeCode);
      if (s.locks.has(st.code))
        fail(
          'stage_locked',
          `Tahap ${st.code} sudah dikunci panitia; nilai tidak dapat diubah kecuali kuncinya dibuka dengan alasan.`,
          `Stage ${st.code} is locked by the organiser; scores cannot change unless it is unlocked with a reason.`,
        );
      if (isFinal) s.finals.add(`${j.code}|${st.code}`);
      else s.finals.delete(`${j.code}|${st.code}`);
    },
    async lockStage(competitionId, stageCode) {
      store(competitionId).locks.add(stage(db.competition(competitionId), stageCode).code);
    },
    async unlockStage(competitionId, stageCode, reason) {
      const st = stage(db.competition(competitionId), stageCode);
      if (!reason.trim()) fail('invalid_input', 'alasan: alasan wajib diisi', 'reason: a reason is required');
      store(competitionId).locks.delete(st.code);
    },
    async presentationOrder(competitionId, stageCode, category) {
      return slots(competitionId, stage(db.competition(competitionId), stageCode).code, category);
    },
    async setPresentationOrder(competitionId, stageCode, codes) {
      storeOrder(competitionId, stage(db.competition(competitionId), stageCode).code, codes, 'manual', '');
    },
    async drawPresentationOrder(competitionId, stageCode, category) {
      const st = stage(db.competition(competitionId), stageCode);
      const codes = participants(competitionId, st.code, category).map((p) => p.code);
      const seed = Math.floor(Math.random() * 2 ** 31) + 1;
      let state = seed;
      const rand = () => ((state = (state * 48271) % 2147483647) / 2147483647);
      for (let i = codes.length - 1; i > 0; i--) {
        const k = Math.floor(rand() * (i + 1));
        [codes[i], codes[k]] = [codes[k], codes[i]];
      }
      storeOrder(competitionId, st.code, codes, 'draw', String(seed));
      return slots(competitionId, st.code, category);
    },
    async getRecap(competitionId, viewer) {
      const comp = db.competition(competitionId);
      const s = store(competitionId);
      const props = ranked(competitionId);
      const scores = scoreValues(s);
      const result = computeRecap(comp.setup, props, scores);
      const recusals: Recusal[] = [];
      for (const p of db.proposals(competitionId).sort((a, b) => a.code.localeCompare(b.code)))
        for (const j of s.judges) if (conflicted(j, p)) recusals.push({ judge: j.code, proposal: p.code });
      const locked = comp.setup.stages.filter((st) => s.locks.has(st.code)).map((st) => st.code);
      const view: RecapView = {
        recap: result.recap,
        raw: comp.setup.normalisation === 'zscore' ? computeRecap({ ...comp.setup, normalisation: 'none' }, props, scores).recap : null,
        winners_differ: winnersDiffer(comp.setup, props, scores),
        details: result.details,
        judges: s.judges.map((j) => ({ code: j.code, name: j.name })),
        recusals,
        locked_stages: locked,
        restricted: viewer !== null && locked.length < comp.setup.stages.length,
      };
      if (view.restricted) {
        view.recap.categories = [];
        view.raw = null;
        view.winners_differ = [];
        for (const d of view.details) for (const st of d.stages) st.judges = st.judges.filter((sh) => matchKey(sh.judge) === matchKey(viewer!));
      }
      return clone(view);
    },
    seedDemoJury(competitionId) {
      seedDemo(db, competitionId, store(competitionId));
    },
    storeOf: store,
  };
}

/** The jury of DOMAIN.md §7 and sample scores, so the demo shows a recap with finalists, a recusal,
 *  a disagreement flag, a shared rank and work still to do. The worked example P-009 is exact. */
function seedDemo(db: MockDb, competitionId: string, s: Store) {
  const judges: JudgeInput[] = [
    { code: 'J1', name: 'Prof. Dr. Retno Wulandari, M.Si.', institution: 'FISIP Universitas Negeri Sukamaju', unsur: 'akademisi', nip: '19680415 199303 2 001', conflicts: [], categories: [] },
    { code: 'J2', name: 'Dr. Bambang Hadi Prasetyo, S.E., M.M.', institution: 'STIA Karya Bakti', unsur: 'akademisi', nip: '', conflicts: [], categories: [] },
    { code: 'J3', name: "Nur'aini Rahmawati, S.Sos., M.A.", institution: 'Perkumpulan Warga Peduli Layanan', unsur: 'LSM', nip: '', conflicts: [], categories: [] },
    { code: 'J4', name: 'Drs. Agus Setiawan, M.Si.', institution: 'Inspektorat Daerah Kabupaten Sukamaju', unsur: 'birokrasi', nip: '19700822 199503 1 004', conflicts: [], categories: [] },
    { code: 'J5', name: 'Ir. Hendra Gunawan, M.T.', institution: 'Bappeda Kabupaten Sukamaju', unsur: 'birokrasi', nip: '19790503 200501 1 012', conflicts: ['Badan Perencanaan Pembangunan Daerah'], categories: [] },
  ];
  for (const j of judges) upsert(s, j);
  const comp = db.competition(competitionId);
  const [desk, venue] = comp.setup.stages;
  if (!desk || !venue) return;
  let state = 20260917;
  const rand = () => ((state = (state * 48271) % 2147483647) / 2147483647);
  const set = (st: StageSetup, p: string, j: string, values: number[]) =>
    st.criteria.forEach((c, i) => values[i] !== undefined && s.scores.set(`${st.code}|${p}|${j}|${c.code}`, values[i]));
  const around = (st: StageSetup, base: number) =>
    st.criteria.map((c) => {
      const step = c.max - c.min > 20 ? 1 : 0.5;
      const v = base * (c.max - c.min) / 100 + c.min + (rand() - 0.5) * (c.max - c.min) * 0.12;
      return Math.min(c.max, Math.max(c.min, Math.round(v / step) * step));
    });
  const bias: Record<string, number> = { J1: 0, J2: -3, J3: 2, J4: -1, J5: 1 };
  const deskBase: Record<string, number> = {
    'P-001': 82, 'P-002': 85, 'P-003': 70, 'P-004': 78, 'P-005': 74, 'P-006': 80, 'P-007': 77, 'P-008': 65, 'P-010': 70,
    'P-011': 76, 'P-013': 79, 'P-014': 72, 'P-016': 71, 'P-017': 83, 'P-018': 80, 'P-020': 68,
  };
  for (const [p, base] of Object.entries(deskBase))
    for (const j of judges) if (!(p === 'P-017' && j.code === 'J2')) set(desk, p, j.code, around(desk, base + bias[j.code]));
  // P-017: one judge far from the others, so the recap flags it for discussion.
  set(desk, 'P-017', 'J2', around(desk, 45));
  // P-009 (J5 recused): the worked example of DOMAIN.md §3.2.
  [['J1', 72.5], ['J2', 68], ['J3', 80], ['J4', 76]].forEach(([j, v]) => set(desk, 'P-009', j as string, desk.criteria.map(() => v as number)));
  // P-019 scored exactly like P-018 in both stages: a shared rank.
  for (const j of judges) set(desk, 'P-019', j.code, desk.criteria.map((c) => s.scores.get(`${desk.code}|P-018|${j.code}|${c.code}`)!));

  const venueSheets: Record<string, Record<string, number[]>> = {
    'P-009': { J1: [8, 7.5, 7, 8], J2: [7, 7, 6.5, 7.5], J3: [8.5, 8, 7.5, 8], J4: [7.5, 8, 7, 7] },
  };
  for (const p of ['P-006', 'P-007', 'P-017', 'P-018', 'P-001', 'P-002', 'P-004']) {
    venueSheets[p] = {};
    for (const j of ['J1', 'J2', 'J3', 'J4']) venueSheets[p][j] = around(venue, (deskBase[p] ?? 75) + bias[j]);
  }
  venueSheets['P-019'] = venueSheets['P-018'];
  // J4 has only started on the health category; J5 has not started the venue stage.
  for (const p of ['P-001', 'P-002', 'P-004']) venueSheets[p].J4 = venueSheets[p].J4.slice(0, 2);
  for (const [p, byJudge] of Object.entries(venueSheets)) for (const [j, values] of Object.entries(byJudge)) set(venue, p, j, values);
}
