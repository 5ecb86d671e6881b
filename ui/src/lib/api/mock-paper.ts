// The in-browser mock of paper double entry (after crates/core/src/paper): two typings per sheet by
// two different people, picks with who and why, conflicts with digital scores, and reconciled
// values written into the scoring mock's scores. The backend stays the reference.
import type { Competition } from '../bindings/Competition';
import type { PaperConflict } from '../bindings/PaperConflict';
import type { PaperCriterion } from '../bindings/PaperCriterion';
import type { PaperEntryInfo } from '../bindings/PaperEntryInfo';
import type { PaperKey } from '../bindings/PaperKey';
import type { PaperResolution } from '../bindings/PaperResolution';
import type { PaperSheet } from '../bindings/PaperSheet';
import type { Proposal } from '../bindings/Proposal';
import type { JuriApi } from './index';
import { compare, samePerson, settle } from '../paper';
import { clone, fail, matchKey, mockState, now, wait } from './mock-base';
import { conflicted, type Store } from './mock-scoring';

type PaperApi = Pick<JuriApi, 'paperSheets' | 'paperSheet' | 'savePaperEntry' | 'resolvePaperDifference' | 'resolvePaperConflict'>;

export interface PaperDb {
  competition(id: string): Competition;
  proposals(competitionId: string): Proposal[];
  store(competitionId: string): Store;
  judgeMode(): string | null;
  worklist: JuriApi['judgeWorklist'];
  scoreEntered?(competitionId: string, key: string): void;
}

interface MockEntry extends PaperEntryInfo {
  values: Map<string, number>;
}

interface MockSheet {
  entries: [MockEntry | null, MockEntry | null];
  resolutions: Map<string, PaperResolution>;
  conflicts: Map<string, PaperConflict>;
  reconciledAt: string | null;
  reconciledBy: string | null;
}

const DEVICE = 'laptop-panitia';
const EPS = 1e-9;
const num = (n: number) => (mockState.lang === 'id' ? String(n).replace('.', ',') : String(n));
const tidy = (s: string) => s.trim().replace(/\s+/g, ' ');

export function paperMock(db: PaperDb): PaperApi {
  const sheets = new Map<string, MockSheet>();
  const sheetKey = (competitionId: string, k: PaperKey) => `${competitionId}|${k.stage}|${k.judge}|${k.proposal}`;

  function target(competitionId: string, key: PaperKey) {
    const comp = db.competition(competitionId);
    const stage =
      comp.setup.stages.find((s) => s.code === key.stage) ?? fail('not_found', `Tahap ${key.stage} tidak ditemukan.`, `Stage ${key.stage} not found.`);
    const s = db.store(competitionId);
    const judge =
      s.judges.find((j) => matchKey(j.code) === matchKey(key.judge)) ?? fail('not_found', `Juri ${key.judge} tidak ditemukan.`, `Judge ${key.judge} not found.`);
    const proposal =
      db.proposals(competitionId).find((p) => matchKey(p.code) === matchKey(key.proposal)) ??
      fail('not_found', `Proposal ${key.proposal} tidak ditemukan.`, `Proposal ${key.proposal} not found.`);
    const k: PaperKey = { stage: stage.code, judge: judge.code, proposal: proposal.code };
    return { comp, stage, store: s, judge, proposal, key: k, id: sheetKey(competitionId, k) };
  }
  type Target = ReturnType<typeof target>;

  function writable(t: Target) {
    if (db.judgeMode() !== null)
      fail('paper_entry', 'Lembar kertas hanya dapat diketik di laptop panitia, bukan di laptop juri.', "Paper sheets are typed on the organiser's laptop, not on a judge's.");
    if (conflicted(t.judge, t.proposal))
      fail(
        'invalid_input',
        `kode_juri: juri ${t.judge.code} memiliki konflik kepentingan dengan ${t.proposal.code} dan tidak boleh menilainya`,
        `judge: judge ${t.judge.code} has a conflict of interest with ${t.proposal.code} and may not score it`,
      );
    if (t.store.locks.has(t.stage.code))
      fail(
        'stage_locked',
        `Tahap ${t.stage.code} sudah dikunci panitia; nilai tidak dapat diubah kecuali kuncinya dibuka dengan alasan.`,
        `Stage ${t.stage.code} is locked by the organiser; scores cannot change unless it is unlocked with a reason.`,
      );
  }

  function required(text: string, reason = false): string {
    const v = tidy(text);
    if (!v)
      reason
        ? fail('invalid_input', 'alasan: alasan wajib diisi', 'reason: a reason is required')
        : fail('invalid_input', 'nama petugas: wajib diisi', 'staff name: is required');
    return v;
  }

  const scoreKey = (t: Target, criterion: string) => `${t.stage.code}|${t.proposal.code}|${t.judge.code}|${criterion}`;

  function view(t: Target): PaperSheet {
    const m = sheets.get(t.id);
    const criteria: PaperCriterion[] = t.stage.criteria.map((c) => {
      const one = m?.entries[0]?.values.get(c.code) ?? null;
      const two = m?.entries[1]?.values.get(c.code) ?? null;
      const resolution = m?.resolutions.get(c.code) ?? null;
      return {
        code: c.code,
        name: c.name,
        weight: c.weight,
        min: c.min,
        max: c.max,
        entry_one: one,
        entry_two: two,
        agreement: compare(one, two),
        resolution: clone(resolution),
        agreed: settle(one, two, resolution?.value ?? null),
        current: t.store.scores.get(scoreKey(t, c.code)) ?? null,
        conflict: clone(m?.conflicts.get(c.code) ?? null),
      };
    });
    const info = (e: MockEntry | null | undefined): PaperEntryInfo | null => (e ? { staff: e.staff, device: e.device, at: e.at } : null);
    const [one, two] = [info(m?.entries[0]), info(m?.entries[1])];
    let status: PaperSheet['status'] = 'none';
    if (m?.reconciledAt) status = 'recorded';
    else if (one && two) status = criteria.some((c) => c.agreed === null) ? 'different' : 'conflict';
    else if (one) status = 'entry_one';
    else if (two) status = 'entry_two';
    return {
      stage: t.stage.code,
      stage_name: t.stage.name,
      judge: t.judge.code,
      judge_name: t.judge.name,
      proposal: t.proposal.code,
      title: t.proposal.title,
      unit: t.proposal.unit,
      entry_one: one,
      entry_two: two,
      criteria,
      status,
      reconciled_at: m?.reconciledAt ?? null,
      reconciled_by: m?.reconciledBy ?? null,
      locked: t.store.locks.has(t.stage.code),
    };
  }

  function dropStale(t: Target, m: MockSheet) {
    for (const c of view(t).criteria) {
      const r = m.resolutions.get(c.code);
      const typed = r && [c.entry_one, c.entry_two].some((v) => v !== null && Math.abs(v - r.value) < EPS);
      if (r && (c.agreement === 'equal' || !typed)) m.resolutions.delete(c.code);
      const k = m.conflicts.get(c.code);
      const agreed = settle(c.entry_one, c.entry_two, m.resolutions.get(c.code)?.value ?? null);
      if (k && (agreed === null || Math.abs(agreed - k.paper_value) >= EPS)) m.conflicts.delete(c.code);
    }
  }

  function reconcile(competitionId: string, t: Target, m: MockSheet, staff: string) {
    const v = view(t);
    if (!v.entry_one || !v.entry_two || m.reconciledAt || v.criteria.some((c) => c.agreed === null)) return;
    let undecided = false;
    for (const c of v.criteria) {
      const differs = c.current !== null && Math.abs(c.current - c.agreed!) >= EPS;
      const k = m.conflicts.get(c.code);
      if (!k && differs) {
        m.conflicts.set(c.code, { digital_value: c.current!, paper_value: c.agreed!, resolved: null, resolved_by: null, reason: '' });
        undecided = true;
      } else if (k && k.resolved === null) {
        if (differs) undecided = true;
        else m.conflicts.delete(c.code);
      }
    }
    if (undecided) return;
    for (const c of v.criteria) {
      if (m.conflicts.get(c.code)?.resolved === 'digital') continue;
      const key = scoreKey(t, c.code);
      t.store.scores.set(key, c.agreed!);
      db.scoreEntered?.(competitionId, key);
    }
    m.reconciledAt = now();
    m.reconciledBy = staff;
  }

  return {
    async paperSheets(competitionId, stage, judge) {
      const items = await db.worklist(competitionId, stage, judge);
      return items.map((w) => {
        const v = view(target(competitionId, { stage, judge, proposal: w.proposal }));
        const open = v.entry_one && v.entry_two && !v.reconciled_at ? v.criteria.filter((c) => c.agreed === null).length : 0;
        return {
          proposal: w.proposal,
          title: w.title,
          category: w.category,
          recused: w.recused,
          status: v.status,
          entry_one: v.entry_one?.staff ?? null,
          entry_two: v.entry_two?.staff ?? null,
          differences: open,
        };
      });
    },
    async paperSheet(competitionId, key) {
      return view(target(competitionId, key));
    },
    async savePaperEntry(competitionId, input) {
      const t = target(competitionId, input);
      if (input.slot !== 1 && input.slot !== 2)
        fail('paper_entry', `Entri ${input.slot} tidak dikenal; pilih entri 1 atau entri 2.`, `Entry ${input.slot} is unknown; choose entry 1 or entry 2.`);
      const staff = required(input.staff);
      writable(t);
      const values = new Map<string, number>();
      for (const v of input.values) {
        const c =
          t.stage.criteria.find((x) => x.code === v.criterion) ??
          fail('not_found', `Kriteria ${v.criterion} tidak ditemukan.`, `Criterion ${v.criterion} not found.`);
        if (v.value === null) continue;
        if (!Number.isFinite(v.value) || v.value < c.min || v.value > c.max)
          fail('invalid_input', `nilai: ${num(v.value)} di luar rentang ${num(c.min)}–${num(c.max)}`, `score: ${v.value} is outside the range ${c.min}–${c.max}`);
        values.set(c.code, v.value);
      }
      if (values.size === 0) fail('invalid_input', 'nilai: wajib diisi', 'score: is required');
      // Like a durable commit: the answer comes a moment later.
      await wait(150);
      let m = sheets.get(t.id);
      if (m?.reconciledAt)
        fail(
          'paper_entry',
          'Lembar ini sudah dicocokkan dan nilainya tercatat; perubahan dilakukan lewat lembar penilaian.',
          'This sheet is already reconciled and its scores recorded; change them on the scoring sheet.',
        );
      const other = m?.entries[input.slot === 1 ? 1 : 0];
      if (other && samePerson(other.staff, staff))
        fail(
          'paper_entry',
          `Entri 1 dan entri 2 harus diketik oleh dua petugas yang berbeda; entri lainnya sudah diketik oleh ${other.staff}.`,
          `Entry 1 and entry 2 must be typed by two different people; the other entry was typed by ${other.staff}.`,
        );
      if (!m) {
        m = { entries: [null, null], resolutions: new Map(), conflicts: new Map(), reconciledAt: null, reconciledBy: null };
        sheets.set(t.id, m);
      }
      m.entries[input.slot - 1] = { staff, device: DEVICE, at: now(), values };
      dropStale(t, m);
      reconcile(competitionId, t, m, staff);
      return view(t);
    },
    async resolvePaperDifference(competitionId, key, criterion, value, staff, reason) {
      const t = target(competitionId, key);
      const who = required(staff);
      const why = required(reason, true);
      writable(t);
      const m = sheets.get(t.id);
      if (m?.reconciledAt)
        fail(
          'paper_entry',
          'Lembar ini sudah dicocokkan dan nilainya tercatat; perubahan dilakukan lewat lembar penilaian.',
          'This sheet is already reconciled and its scores recorded; change them on the scoring sheet.',
        );
      const v = view(t);
      if (!m || !v.entry_one || !v.entry_two)
        fail('paper_entry', 'Lembar ini belum diketik dua kali (entri 1 dan entri 2).', 'This sheet has not been typed twice yet (entry 1 and entry 2).');
      const c = v.criteria.find((x) => x.code === criterion) ?? fail('not_found', `Kriteria ${criterion} tidak ditemukan.`, `Criterion ${criterion} not found.`);
      if (c.agreement === 'equal')
        fail('paper_entry', `Kedua entri sudah sama untuk kriteria ${criterion}.`, `Both entries already agree on criterion ${criterion}.`);
      const typed = [c.entry_one, c.entry_two].find((x) => x !== null && Math.abs(x - value) < EPS);
      if (typed === undefined || typed === null)
        fail(
          'paper_entry',
          `Nilai ${num(value)} untuk kriteria ${criterion} tidak diketik di entri mana pun; pilih nilai entri 1 atau entri 2, atau ketik ulang entrinya.`,
          `Value ${value} for criterion ${criterion} was not typed in either entry; pick entry 1's or entry 2's value, or retype the entry.`,
        );
      await wait(150);
      m.resolutions.set(criterion, { value: typed, staff: who, reason: why, at: now() });
      reconcile(competitionId, t, m, who);
      return view(t);
    },
    async resolvePaperConflict(competitionId, key, criterion, takePaper, staff, reason) {
      const t = target(competitionId, key);
      const who = required(staff);
      const why = required(reason, true);
      writable(t);
      const m = sheets.get(t.id);
      const k = m?.conflicts.get(criterion);
      if (!m || !k || k.resolved !== null)
        fail('paper_entry', `Tidak ada perbedaan dengan nilai digital untuk kriteria ${criterion}.`, `There is no difference with a digital score for criterion ${criterion}.`);
      await wait(150);
      Object.assign(k, { resolved: takePaper ? 'paper' : 'digital', resolved_by: who, reason: why });
      reconcile(competitionId, t, m, who);
      return view(t);
    },
  };
}
