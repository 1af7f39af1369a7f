import { complaintForRoutingSchema, resolveAllegationCode, routeComplaint, type ComplaintForRouting, type ComplaintRoute } from '@probity/shared/domain/index';
import type { CaseReceived } from '@probity/shared/events/schemas';
import { PermanentError } from '@probity/shared/kafka';

// The allocation service's first look at a new complaint (DOMAIN.md "routing" and "IOPC
// referral check"): the case.received event mapped onto the routing rule's input. Pure.

type RoutingFacts = Pick<CaseReceived, 'allegations' | 'flags'>;

/**
 * The routing input for a received complaint. Intake flags apply to the complaint as a whole, so
 * a reported death or serious injury is carried on every allegation. Categories are read through
 * the code list (an old Probity slug in an old event keeps the routing facts it implied). Throws
 * PermanentError when the event names a category the list does not know: redelivering it cannot help.
 */
export function toRoutingInput(received: RoutingFacts): ComplaintForRouting {
  const flags = received.flags ?? {};
  const unknown: string[] = [];
  const allegations = received.allegations.map((a) => {
    const code = resolveAllegationCode(a.category, a.subCategory);
    if (!code) unknown.push(`${a.id}=${a.category}${a.subCategory ? `/${a.subCategory}` : ''}`);
    return {
      id: a.id,
      category: code?.category ?? a.category,
      ...(code?.subCategory !== undefined && { subCategory: code.subCategory }),
      ...code?.flags,
      ...(flags.deathOrSeriousInjury !== undefined ? { deathOrSeriousInjury: flags.deathOrSeriousInjury || code?.flags.deathOrSeriousInjury === true } : {}),
    };
  });
  if (unknown.length) throw new PermanentError(`cannot route complaint: unknown allegation categor${unknown.length === 1 ? 'y' : 'ies'}: ${unknown.join(', ')}`);
  const candidate = { allegations, ...(flags.complainantWantsSch3 !== undefined ? { complainantWantsSch3: flags.complainantWantsSch3 } : {}) };
  const parsed = complaintForRoutingSchema.safeParse(candidate);
  if (!parsed.success) throw new PermanentError(`cannot route complaint: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

/** Schedule 3 or not, IOPC referral or not, with reasons. */
export function routeReceivedComplaint(received: RoutingFacts): ComplaintRoute {
  return routeComplaint(toRoutingInput(received));
}
