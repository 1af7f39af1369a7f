// A flag's life: it goes to the officer's line manager and PSD as `new`; someone acknowledges it;
// it ends as `action-taken` (saying what) or `false-positive` (saying why). Each rule's
// false-positive rate is how often its closed flags were false positives.
export const FLAG_STATES = ['new', 'acknowledged', 'action-taken', 'false-positive'] as const;
export type FlagState = (typeof FLAG_STATES)[number];

export type FlagTransition = { to: 'acknowledged' } | { to: 'action-taken'; action: string } | { to: 'false-positive'; why: string };

const NEXT: Record<FlagState, FlagState[]> = {
  new: ['acknowledged', 'action-taken', 'false-positive'],
  acknowledged: ['action-taken', 'false-positive'],
  'action-taken': [],
  'false-positive': [],
};

/** Why a transition is refused, or null when it may happen. */
export function flagTransitionProblem(from: FlagState, t: FlagTransition): string | null {
  if (!NEXT[from].includes(t.to)) return `a flag that is ${from} cannot become ${t.to}${NEXT[from].length ? ` (it may become ${NEXT[from].join(' or ')})` : ' (it is closed)'}`;
  if (t.to === 'action-taken' && !t.action.trim()) return 'say what action was taken';
  if (t.to === 'false-positive' && !t.why.trim()) return 'say why the flag is a false positive';
  return null;
}

/** Per rule: closed flags, false positives among them, and the rate (null with none closed). */
export function falsePositiveRates(flags: readonly { ruleId: string; state: FlagState }[]): { ruleId: string; closed: number; falsePositives: number; rate: number | null }[] {
  const ids = [...new Set(flags.map((f) => f.ruleId))].sort();
  return ids.map((ruleId) => {
    const closed = flags.filter((f) => f.ruleId === ruleId && (f.state === 'action-taken' || f.state === 'false-positive'));
    const falsePositives = closed.filter((f) => f.state === 'false-positive').length;
    return { ruleId, closed: closed.length, falsePositives, rate: closed.length ? (100 * falsePositives) / closed.length : null };
  });
}
