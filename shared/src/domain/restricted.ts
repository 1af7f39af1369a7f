/**
 * Restricted cases (DOMAIN.md "Restricted cases"; PEEL: the force "treats [abuse of authority for
 * sexual gain] as serious corruption"): an allegation of serious corruption — including abuse of
 * position for a sexual purpose or to pursue an inappropriate emotional relationship — makes the
 * case restricted. It is handled by the counter-corruption unit within PSD and visible only to
 * that unit and the head of PSD (and to anyone it had to be escalated to because both were
 * conflicted); to everyone else it does not exist. Every read of it is audited.
 */
import { isSeriousCorruption, type AllegationForRouting } from './complaint-routing';

/** The counter-corruption unit is a team within PSD (Person.team). */
export const COUNTER_CORRUPTION_TEAM = 'counter-corruption';

export const RESTRICTION_REASON = 'serious-corruption';

export type Restriction = { restricted: false } | { restricted: true; reason: typeof RESTRICTION_REASON; allegationIds: string[]; text: string };

/** Whether the allegations make the case restricted, and which do. */
export function restrictionOf(allegations: readonly Pick<AllegationForRouting, 'id' | 'subCategory' | 'seriousCorruption'>[]): Restriction {
  const ids = allegations.filter((a) => isSeriousCorruption(a)).map((a) => a.id);
  if (ids.length === 0) return { restricted: false };
  return {
    restricted: true,
    reason: RESTRICTION_REASON,
    allegationIds: ids,
    text: 'serious corruption (including abuse of position for a sexual purpose or an inappropriate emotional relationship): handled by the counter-corruption unit, visible only to it and the head of PSD',
  };
}

export const isCounterCorruptionUnit = (p: { team: string }) => p.team === COUNTER_CORRUPTION_TEAM;

/** Who may see and work a restricted case by their position: the counter-corruption unit and the head of PSD. */
export const mayWorkRestrictedCases = (p: { team: string; role: string }) => isCounterCorruptionUnit(p) || p.role === 'head-of-psd';
