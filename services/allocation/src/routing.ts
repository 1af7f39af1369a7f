import { complaintForRoutingSchema, routeComplaint, type ComplaintForRouting, type ComplaintRoute } from '@probity/shared/domain/index';
import type { CaseReceived } from '@probity/shared/events/schemas';
import { PermanentError } from '@probity/shared/kafka';

// The allocation service's first look at a new complaint (DOMAIN.md "routing" and "IOPC
// referral check"): the case.received event mapped onto the routing rule's input. Pure.

type RoutingFacts = Pick<CaseReceived, 'allegations' | 'flags'>;

/**
 * The routing input for a received complaint. Intake flags apply to the complaint as a whole, so
 * a reported death or serious injury is carried on every allegation. Throws PermanentError when
 * the event names a category the rule does not know: redelivering it cannot help.
 */
export function toRoutingInput(received: RoutingFacts): ComplaintForRouting {
  const flags = received.flags ?? {};
  const candidate = {
    allegations: received.allegations.map((a) => ({
      id: a.id,
      category: a.category,
      ...(flags.deathOrSeriousInjury !== undefined ? { deathOrSeriousInjury: flags.deathOrSeriousInjury } : {}),
    })),
    ...(flags.complainantWantsSch3 !== undefined ? { complainantWantsSch3: flags.complainantWantsSch3 } : {}),
  };
  const parsed = complaintForRoutingSchema.safeParse(candidate);
  if (!parsed.success) {
    const unknown = received.allegations.filter((a, i) =>
      parsed.error.issues.some((issue) => issue.path[0] === 'allegations' && issue.path[1] === i),
    );
    const detail = unknown.length
      ? `unknown allegation categor${unknown.length === 1 ? 'y' : 'ies'}: ${unknown.map((a) => `${a.id}=${a.category}`).join(', ')}`
      : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new PermanentError(`cannot route complaint: ${detail}`);
  }
  return parsed.data;
}

/** Schedule 3 or not, IOPC referral or not, with reasons. */
export function routeReceivedComplaint(received: RoutingFacts): ComplaintRoute {
  return routeComplaint(toRoutingInput(received));
}
