/**
 * Police ranks (DOMAIN.md "People"): constable < sergeant < inspector < chief inspector <
 * superintendent < chief superintendent < chief officer ranks. Police staff have grades, not
 * ranks, so they never satisfy a rank rule.
 */
import { z } from 'zod';

/** Lowest to highest — the order is the comparison. */
export const POLICE_RANKS = [
  'constable',
  'sergeant',
  'inspector',
  'chief-inspector',
  'superintendent',
  'chief-superintendent',
  'assistant-chief-constable',
  'deputy-chief-constable',
  'chief-constable',
] as const;
export const policeRankSchema = z.enum(POLICE_RANKS);
export type PoliceRank = z.infer<typeof policeRankSchema>;

export const CHIEF_OFFICER_RANKS: readonly PoliceRank[] = [
  'assistant-chief-constable',
  'deputy-chief-constable',
  'chief-constable',
];

const LABELS: Record<PoliceRank, string> = {
  constable: 'constable',
  sergeant: 'sergeant',
  inspector: 'inspector',
  'chief-inspector': 'chief inspector',
  superintendent: 'superintendent',
  'chief-superintendent': 'chief superintendent',
  'assistant-chief-constable': 'assistant chief constable',
  'deputy-chief-constable': 'deputy chief constable',
  'chief-constable': 'chief constable',
};

export const personSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('officer'), rank: policeRankSchema }),
  z.object({ kind: z.literal('staff'), grade: z.string().min(1) }),
]);
/** Someone in the workforce: an officer with a rank, or police staff with a grade. */
export type Person = z.infer<typeof personSchema>;

/** Lower-case wording for sentences, e.g. 'chief inspector'. */
export function rankLabel(rank: PoliceRank): string {
  return LABELS[rank];
}

/** Negative if a is junior to b, 0 if equal, positive if senior. */
export function compareRank(a: PoliceRank, b: PoliceRank): number {
  return POLICE_RANKS.indexOf(a) - POLICE_RANKS.indexOf(b);
}

export function isAtLeast(rank: PoliceRank, minimum: PoliceRank): boolean {
  return compareRank(rank, minimum) >= 0;
}

export function isChiefOfficerRank(rank: PoliceRank): boolean {
  return CHIEF_OFFICER_RANKS.includes(rank);
}

/** The rank directly below, or null for a constable (who cannot be reduced in rank). */
export function rankBelow(rank: PoliceRank): PoliceRank | null {
  return POLICE_RANKS[POLICE_RANKS.indexOf(rank) - 1] ?? null;
}

export type Permission = { allowed: true } | { allowed: false; reason: string };

/** §3.3.5: the rank a request for formal PSD assessment of conduct must come through. */
export const FORMAL_ASSESSMENT_MINIMUM_RANK: PoliceRank = 'chief-inspector';

/**
 * §3.3.5: "Any requests for conduct to be formally assessed by PSD should come via an officer
 * of at least the rank of chief inspector." The refusal says who asked and what to do instead.
 */
export function canRequestFormalAssessment(person: Person): Permission {
  const minimum = rankLabel(FORMAL_ASSESSMENT_MINIMUM_RANK);
  if (person.kind === 'staff') {
    return {
      allowed: false,
      reason:
        `Police staff (grade ${person.grade}) cannot request a formal PSD assessment of conduct: ` +
        `requests must come via a police officer of at least the rank of ${minimum} (§3.3.5). ` +
        `Raise the matter with a ${minimum} or above.`,
    };
  }
  if (!isAtLeast(person.rank, FORMAL_ASSESSMENT_MINIMUM_RANK)) {
    const rank = rankLabel(person.rank);
    return {
      allowed: false,
      reason:
        `A${/^[aeiou]/.test(rank) ? 'n' : ''} ${rank} cannot request a formal PSD assessment of conduct: ` +
        `requests must come via an officer of at least the rank of ${minimum} (§3.3.5). ` +
        `Discuss the matter with your ${minimum}, who can make the request (§3.3.4).`,
    };
  }
  return { allowed: true };
}
