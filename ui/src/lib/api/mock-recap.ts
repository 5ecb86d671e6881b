// The ranking rules of FORMATS.md §5 for the in-browser mock: a small port of the core's engine,
// close enough to click through the recap screens without the Tauri shell.
import type { JudgeSheet } from '../bindings/JudgeSheet';
import type { ProposalDetail } from '../bindings/ProposalDetail';
import type { Recap } from '../bindings/Recap';
import type { RecapRow } from '../bindings/RecapRow';
import type { Setup } from '../bindings/Setup';
import type { StageResult } from '../bindings/StageResult';
import type { StageSetup } from '../bindings/StageSetup';
import type { Status } from '../bindings/Status';

const EPS = 1e-9;

export interface RankedProposal {
  code: string;
  title: string;
  unit: string;
  category: string;
  excluded: boolean;
}

export interface ScoreValue {
  stage: string;
  proposal: string;
  judge: string;
  criterion: string;
  value: number;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const popSd = (xs: number[]) => {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, x) => a + (x - m) * (x - m), 0) / xs.length);
};

/** Criterion percentages of a complete sheet; null when a value is missing. */
function percentages(stage: StageSetup, values: (number | null)[]): number[] | null {
  const q: number[] = [];
  for (const [i, c] of stage.criteria.entries()) {
    const v = values[i];
    if (v === null || v === undefined) return null;
    q.push((100 * (v - c.min)) / (c.max - c.min));
  }
  return q;
}

function judgeScore(stage: StageSetup, q: number[]): number {
  const den = stage.criteria.reduce((a, c) => a + c.weight, 0);
  return stage.criteria.reduce((a, c, i) => a + c.weight * q[i], 0) / den;
}

function zscore(samples: [string, number][]): number[] {
  const all = samples.map(([, x]) => x);
  const [m, s] = [mean(all), popSd(all)];
  const byJudge = new Map<string, number[]>();
  for (const [j, x] of samples) byJudge.set(j, [...(byJudge.get(j) ?? []), x]);
  const stats = new Map([...byJudge].map(([j, xs]) => [j, [mean(xs), popSd(xs)] as const]));
  return samples.map(([j, x]) => {
    const [mu, sigma] = stats.get(j)!;
    return sigma < EPS ? m : m + (s * (x - mu)) / sigma;
  });
}

type Sheets = Map<string, (number | null)[]>[]; // per proposal index: judge → values

interface StageEval {
  results: (StageResult | null)[];
  criterionMeans: number[][];
  normalised: Map<string, number>[];
}

function evaluate(setup: Setup, stage: StageSetup, sheets: Sheets, reached: boolean[]): StageEval {
  const n = sheets.length;
  const incomplete = new Array<number>(n).fill(0);
  const counted: { p: number; judge: string; q: number[]; raw: number; used: number }[] = [];
  sheets.forEach((byJudge, p) => {
    if (!reached[p]) return;
    for (const judge of [...byJudge.keys()].sort()) {
      const q = percentages(stage, byJudge.get(judge)!);
      if (q) {
        const raw = judgeScore(stage, q);
        counted.push({ p, judge, q, raw, used: raw });
      } else incomplete[p]++;
    }
  });
  if (setup.normalisation === 'zscore' && counted.length) {
    zscore(counted.map((c) => [c.judge, c.raw])).forEach((x, i) => (counted[i].used = x));
  }
  const ev: StageEval = {
    results: new Array(n).fill(null),
    criterionMeans: Array.from({ length: n }, () => []),
    normalised: Array.from({ length: n }, () => new Map()),
  };
  for (let p = 0; p < n; p++) {
    const group = counted.filter((c) => c.p === p);
    if (!group.length) continue;
    const used = group.map((c) => c.used);
    const sd = popSd(used);
    const r: StageResult = {
      score: mean(used),
      raw: mean(group.map((c) => c.raw)),
      judges: group.length,
      sd,
      flagged: sd > setup.disagreement_threshold + EPS,
    };
    if (incomplete[p]) r.incomplete_sheets = incomplete[p];
    ev.results[p] = r;
    ev.criterionMeans[p] = stage.criteria.map((_, ci) => mean(group.map((c) => c.q[ci])));
    if (setup.normalisation === 'zscore') ev.normalised[p] = new Map(group.map((c) => [c.judge, c.used]));
  }
  return ev;
}

type Outcome = 'pass' | 'none' | 'below' | 'outside';

function outcomes(stage: StageSetup, props: RankedProposal[], results: (StageResult | null)[], reached: boolean[]): Outcome[] {
  const out: Outcome[] = results.map((r) =>
    !r ? 'none' : stage.passing_grade !== undefined && r.score < stage.passing_grade - EPS ? 'below' : 'pass',
  );
  const quota = stage.finalists_per_category;
  if (quota === undefined) return out;
  const byCat = new Map<string, [number, number][]>();
  results.forEach((r, p) => {
    if (reached[p] && out[p] === 'pass' && r) byCat.set(props[p].category, [...(byCat.get(props[p].category) ?? []), [p, r.score]]);
  });
  for (const cands of byCat.values()) {
    if (cands.length <= quota) continue;
    const sorted = cands.map(([, s]) => s).sort((a, b) => b - a);
    const cut = quota > 0 ? sorted[quota - 1] : null;
    for (const [p, s] of cands) if (cut === null || s < cut - EPS) out[p] = 'outside';
  }
  return out;
}

const cuts = (s: StageSetup) => s.passing_grade !== undefined || s.finalists_per_category !== undefined;

export function computeRecap(setup: Setup, proposals: RankedProposal[], scores: ScoreValue[]): { recap: Recap; details: ProposalDetail[] } {
  const props = proposals.filter((p) => setup.categories.some((c) => c.code === p.category)).sort((a, b) => (a.code < b.code ? -1 : 1));
  const index = new Map(props.map((p, i) => [p.code, i]));
  const sheets: Sheets[] = setup.stages.map(() => props.map(() => new Map()));
  for (const s of scores) {
    const si = setup.stages.findIndex((st) => st.code === s.stage);
    const ci = si < 0 ? -1 : setup.stages[si].criteria.findIndex((c) => c.code === s.criterion);
    const p = index.get(s.proposal);
    if (si < 0 || ci < 0 || p === undefined) continue;
    const m = sheets[si][p];
    if (!m.has(s.judge)) m.set(s.judge, setup.stages[si].criteria.map(() => null));
    m.get(s.judge)![ci] = s.value;
  }

  let reached = props.map((p) => !p.excluded);
  const status: (Status | null)[] = props.map((p) => (p.excluded ? 'excluded' : null));
  const reachedAt: boolean[][] = [];
  const evals: StageEval[] = [];
  setup.stages.forEach((stage, si) => {
    const ev = evaluate(setup, stage, sheets[si], reached);
    const out = outcomes(stage, props, ev.results, reached);
    reachedAt.push([...reached]);
    const next = [...reached];
    props.forEach((_, p) => {
      if (!reached[p] || out[p] === 'pass') return;
      const failure: Status = out[p] === 'none' ? 'incomplete' : out[p] === 'below' ? 'did_not_pass' : 'not_finalist';
      if (status[p] === null && (stage.weight > 0 || cuts(stage))) status[p] = failure;
      if (cuts(stage)) next[p] = false;
    });
    reached = next;
    evals.push(ev);
  });

  const finalStatus: Status[] = status.map((s) => s ?? 'ranked');
  const finals = props.map((_, p) => {
    if (finalStatus[p] !== 'ranked') return null;
    let [num, den] = [0, 0];
    for (const [si, stage] of setup.stages.entries()) {
      if (stage.weight <= 0) continue;
      const r = evals[si].results[p];
      if (!r) return null;
      num += stage.weight * r.score;
      den += stage.weight;
    }
    return den > 0 ? num / den : null;
  });

  const tieKeys = setup.tie_break.flatMap((entry): ((p: number) => number)[] => {
    if (entry.startsWith('stage:')) {
      const si = setup.stages.findIndex((s) => s.code === entry.slice(6));
      return si < 0 ? [] : [(p) => evals[si].results[p]?.score ?? -Infinity];
    }
    const [stage, crit] = entry.replace(/^criterion:/, '').split('/');
    const si = setup.stages.findIndex((s) => s.code === stage);
    const ci = si < 0 ? -1 : setup.stages[si].criteria.findIndex((c) => c.code === crit);
    return ci < 0 ? [] : [(p) => evals[si].criterionMeans[p][ci] ?? -Infinity];
  });
  const keys = [(p: number) => finals[p] ?? -Infinity, ...tieKeys];

  function groups(items: number[], level: number): number[][] {
    if (!items.length) return [];
    if (level === keys.length) return [[...items].sort((a, b) => a - b)];
    const k = keys[level];
    const sorted = [...items].sort((a, b) => k(b) - k(a) || a - b);
    const out: number[][] = [];
    let start = 0;
    for (let i = 1; i <= sorted.length; i++)
      if (i === sorted.length || Math.abs(k(sorted[i - 1]) - k(sorted[i])) >= EPS) {
        out.push(...groups(sorted.slice(start, i), level + 1));
        start = i;
      }
    return out;
  }

  const row = (p: number, rank: number | null, tied: boolean): RecapRow => {
    const stages: Record<string, StageResult> = {};
    setup.stages.forEach((s, si) => {
      const r = evals[si].results[p];
      if (reachedAt[si][p] && r) stages[s.code] = r;
    });
    return { rank, tied, proposal: props[p].code, title: props[p].title, unit: props[p].unit, final: finals[p], stages, status: finalStatus[p] };
  };

  const categories = setup.categories.map((cat) => {
    const members = props.map((_, p) => p).filter((p) => props[p].category === cat.code);
    const rows: RecapRow[] = [];
    let position = 0;
    for (const g of groups(members.filter((p) => finalStatus[p] === 'ranked'), 0)) {
      rows.push(...g.map((p) => row(p, position + 1, g.length > 1)));
      position += g.length;
    }
    rows.push(...members.filter((p) => finalStatus[p] !== 'ranked').map((p) => row(p, null, false)));
    return { code: cat.code, name: cat.name, rows };
  });

  const details: ProposalDetail[] = props.map((prop, p) => ({
    proposal: prop.code,
    stages: setup.stages.map((stage, si) => ({
      stage: stage.code,
      reached: reachedAt[si][p],
      judges: [...sheets[si][p].keys()].sort().map((judge): JudgeSheet => {
        const values = sheets[si][p].get(judge)!;
        const q = percentages(stage, values);
        const raw = q ? judgeScore(stage, q) : null;
        return {
          judge,
          values: stage.criteria.flatMap((c, i) => (values[i] === null ? [] : [{ criterion: c.code, value: values[i]! }])),
          complete: raw !== null,
          raw,
          normalised: evals[si].normalised[p].get(judge) ?? null,
          counted: raw !== null && reachedAt[si][p],
        };
      }),
    })),
  }));

  return { recap: { competition: setup.name, normalisation: setup.normalisation, categories }, details };
}

/** Categories whose rank-1 proposals differ between plain means and z-scores. */
export function winnersDiffer(setup: Setup, proposals: RankedProposal[], scores: ScoreValue[]): string[] {
  const winners = (s: Setup) =>
    computeRecap(s, proposals, scores).recap.categories.map((c) => c.rows.filter((r) => r.rank === 1).map((r) => r.proposal).join(','));
  const plain = winners({ ...setup, normalisation: 'none' });
  const z = winners({ ...setup, normalisation: 'zscore' });
  return setup.categories.filter((_, i) => plain[i] !== z[i]).map((c) => c.code);
}
