// Early intervention (PEEL: "patterns — officers or teams with repeated complaints or allegations"):
// the rules are configuration, versioned, so a flag always says which version of which rule raised
// it and a change of rules never rewrites past flags. Equality data is never an input to a rule
// (DOMAIN.md "What the record holds": it never leaves the database, and is used only to look for
// disproportionality in the flags afterwards).
import { z } from 'zod';

const ruleId = z.string().regex(/^[a-z0-9-]{1,60}$/, 'a rule id is lower-case letters, digits and hyphens');
const windowMonths = z.number().int().min(1).max(60);

export const earlyInterventionRuleSchema = z.discriminatedUnion('kind', [
  /** `threshold` or more complaints (or allegations) naming the same officer within `windowMonths`. */
  z.object({ kind: z.literal('repeat-subject'), id: ruleId, count: z.enum(['complaints', 'allegations']), threshold: z.number().int().min(2), windowMonths }),
  /** `threshold` or more allegations of the same category against the same officer within `windowMonths`. */
  z.object({ kind: z.literal('repeat-category'), id: ruleId, threshold: z.number().int().min(2), windowMonths }),
  /** A team with at least `minimum` complaints in `windowMonths` and more than `factor` × the median of its peers'. */
  z.object({ kind: z.literal('team-above-peers'), id: ruleId, factor: z.number().min(1), minimum: z.number().int().min(1), windowMonths }),
]);
export type EarlyInterventionRule = z.infer<typeof earlyInterventionRuleSchema>;

export const earlyInterventionConfigSchema = z
  .object({ version: z.string().min(1), rules: z.array(earlyInterventionRuleSchema).min(1) })
  .refine((c) => new Set(c.rules.map((r) => r.id)).size === c.rules.length, { message: 'each rule id may appear once', path: ['rules'] });
export type EarlyInterventionConfig = z.infer<typeof earlyInterventionConfigSchema>;

/** The force's rules as first agreed: the examples. */
export const DEFAULT_EARLY_INTERVENTION_RULES: EarlyInterventionConfig = earlyInterventionConfigSchema.parse({
  version: '2026-12-01',
  rules: [
    { kind: 'repeat-subject', id: 'three-complaints-in-12-months', count: 'complaints', threshold: 3, windowMonths: 12 },
    { kind: 'repeat-subject', id: 'three-allegations-in-12-months', count: 'allegations', threshold: 3, windowMonths: 12 },
    { kind: 'repeat-category', id: 'same-category-twice-in-12-months', threshold: 2, windowMonths: 12 },
    { kind: 'team-above-peers', id: 'team-twice-its-peers', factor: 2, minimum: 5, windowMonths: 12 },
  ],
});

/**
 * Every version of the rules the force has agreed, oldest first. A new version is a new entry
 * (never an edit of an old one): flags keep the version that raised them.
 */
export const RULE_SETS: readonly EarlyInterventionConfig[] = [DEFAULT_EARLY_INTERVENTION_RULES];

/** The rules in force: the latest version. */
export const activeRuleSet = (): EarlyInterventionConfig => RULE_SETS[RULE_SETS.length - 1]!;

/** A version by its name, or undefined. */
export const ruleSet = (version: string): EarlyInterventionConfig | undefined => RULE_SETS.find((r) => r.version === version);
