/**
 * Outcomes per allegation (DOMAIN.md "What the record holds for the IOPC"), in the 2020 wording:
 * whether the service provided was acceptable, not acceptable, or cannot be determined; for an
 * investigation, also whether any person serving with the police has a case to answer; and the
 * actions taken. A case is finalised when all its allegations are.
 */
import { z } from 'zod';

export const ALLEGATION_OUTCOMES = ['service-acceptable', 'service-not-acceptable', 'unable-to-determine'] as const;
export type AllegationOutcome = (typeof ALLEGATION_OUTCOMES)[number];

export const ALLEGATION_ACTIONS = ['explanation', 'apology', 'reflective-practice', 'learning', 'proceedings', 'no-further-action'] as const;
export type AllegationAction = (typeof ALLEGATION_ACTIONS)[number];

export const allegationOutcomeSchema = z.object({
  allegationId: z.string({ error: 'allegationId is required' }).min(1, 'allegationId is required'),
  outcome: z.enum(ALLEGATION_OUTCOMES, { error: `outcome must be one of: ${ALLEGATION_OUTCOMES.join(', ')}` }),
  /** Investigations only: does anyone serving with the police have a case to answer? */
  caseToAnswer: z.boolean({ error: 'caseToAnswer must be true or false' }).optional(),
  actions: z
    .array(z.enum(ALLEGATION_ACTIONS, { error: `each action must be one of: ${ALLEGATION_ACTIONS.join(', ')}` }), { error: 'actions must be a list' })
    .min(1, "give at least one action taken ('no-further-action' if none)")
    .max(ALLEGATION_ACTIONS.length),
});
export type AllegationOutcomeRecord = z.infer<typeof allegationOutcomeSchema>;

/**
 * What is wrong with a set of allegation outcomes for a case, or null: each allegation exactly
 * once; a case-to-answer finding for each allegation when it was investigated and never otherwise;
 * no other action beside 'no-further-action'; proceedings only where there is a case to answer.
 */
export function allegationOutcomesProblem(
  outcomes: readonly AllegationOutcomeRecord[],
  c: { allegationIds: readonly string[]; investigated: boolean },
): string | null {
  const given = outcomes.map((o) => o.allegationId);
  const unknown = given.filter((id) => !c.allegationIds.includes(id));
  if (unknown.length > 0) return `not allegations of this case: ${unknown.join(', ')}`;
  const twice = given.filter((id, i) => given.indexOf(id) !== i);
  if (twice.length > 0) return `an outcome is given twice for: ${[...new Set(twice)].join(', ')}`;
  const missing = c.allegationIds.filter((id) => !given.includes(id));
  if (missing.length > 0) return `every allegation needs an outcome; missing: ${missing.join(', ')}`;
  for (const o of outcomes) {
    if (c.investigated && o.caseToAnswer === undefined) return `allegation ${o.allegationId}: say whether there is a case to answer (it was investigated)`;
    if (!c.investigated && o.caseToAnswer !== undefined) return `allegation ${o.allegationId}: case to answer is found only by an investigation`;
    if (o.actions.includes('no-further-action') && o.actions.length > 1) return `allegation ${o.allegationId}: 'no-further-action' cannot go with other actions`;
    if (new Set(o.actions).size !== o.actions.length) return `allegation ${o.allegationId}: an action is listed twice`;
    if (o.actions.includes('proceedings') && o.caseToAnswer !== true) return `allegation ${o.allegationId}: proceedings follow only a case to answer`;
  }
  return null;
}

/** The case's outcome in one word, for the complainant's letter and the case.outcome event. */
export function caseOutcomeOf(outcomes: readonly Pick<AllegationOutcomeRecord, 'outcome'>[]): AllegationOutcome {
  if (outcomes.some((o) => o.outcome === 'service-not-acceptable')) return 'service-not-acceptable';
  if (outcomes.length > 0 && outcomes.every((o) => o.outcome === 'service-acceptable')) return 'service-acceptable';
  return 'unable-to-determine';
}
