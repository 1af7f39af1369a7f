import type { z } from 'zod';
import { parseEvent, InvalidEventError, type Envelope } from '@probity/shared/events/envelope';
import { EVENT_SCHEMAS, NOTIFYING_TOPICS, type EventData } from '@probity/shared/events/schemas';
import { PermanentError } from '@probity/shared/kafka';

// The events this service acts on: one per notifying topic, parsed against that topic's schema
// and tagged with the topic so that templates and recipient rules can switch on it exhaustively.

export type NotifyingTopic = (typeof NOTIFYING_TOPICS)[number];

export type NotifyingEvent = {
  [T in NotifyingTopic]: { topic: T; envelope: Envelope<EventData<T>> };
}[NotifyingTopic];

export const isNotifyingTopic = (topic: string): topic is NotifyingTopic =>
  (NOTIFYING_TOPICS as readonly string[]).includes(topic);

/**
 * Validates a raw message from `topic`. Anything that is not a well-formed event of that topic's
 * type is a PermanentError: retrying cannot fix it, so it goes straight to the dead-letter topic.
 */
export function parseNotifyingEvent(topic: string, raw: unknown): NotifyingEvent {
  if (!isNotifyingTopic(topic)) throw new PermanentError(`topic ${topic} is not one the notification service consumes`);
  let envelope: Envelope<unknown>;
  try {
    envelope = parseEvent(raw, EVENT_SCHEMAS[topic] as z.ZodType<unknown>);
  } catch (err) {
    if (err instanceof InvalidEventError) throw new PermanentError(`invalid event on ${topic}: ${err.message}`);
    throw err;
  }
  if (envelope.type !== topic) {
    throw new PermanentError(`event ${envelope.id} has type ${envelope.type} but arrived on topic ${topic}`);
  }
  // The data was validated against EVENT_SCHEMAS[topic] just above.
  return { topic, envelope } as NotifyingEvent;
}

/** The case an event is about, if it is about a case (policy reviews are not; alerts may be). */
export function caseIdOf(event: NotifyingEvent): string | undefined {
  return event.topic === 'policy.review-due' || event.topic === 'early-intervention.flagged' ? undefined : event.envelope.data.caseId;
}

/** Alerts that concern no case or policy are filed under this reference. */
export const ALERT_REF = 'PROBITY';

/** The reference people know the subject by: a case ref (CO-2026-000123), a policy ref (P02), or an alert's. */
export function refOf(event: NotifyingEvent): { kind: 'case' | 'policy' | 'alert' | 'flag'; ref: string } {
  if (event.topic === 'policy.review-due') return { kind: 'policy', ref: event.envelope.data.policyRef };
  if (event.topic === 'early-intervention.flagged') return { kind: 'flag', ref: event.envelope.data.flagId };
  if (event.topic === 'probity.alert') {
    const d = event.envelope.data;
    return d.caseId && d.ref ? { kind: 'case', ref: d.ref } : { kind: 'alert', ref: d.ref ?? ALERT_REF };
  }
  return { kind: 'case', ref: event.envelope.data.ref };
}
