import { z } from 'zod';
import type { Db } from '@probity/shared/db/client';
import type { Recipient } from '@probity/shared/events/schemas';
import { PermanentError } from '@probity/shared/kafka';
import { caseIdOf, type NotifyingEvent } from './events';

// Who gets told, and how. An event names its readers (`notify`); here they become addresses:
// a person id → that Person's email; `{ complainant: true }` → the complainant of the event's case.
// The rules of which channel each reader gets are pure functions, tested on their own.

/** How a notification reaches its reader. Every row is also listed in-app for staff. */
export type Channel = 'email' | 'in-app' | 'letter-or-phone';

export type ResolvedRecipient =
  | { kind: 'staff'; recipientId: string; email: string; name: string }
  | {
      kind: 'complainant';
      /** `complainant:<caseId>` — the complainant is not a Person, so the id names the case. */
      recipientId: string;
      /** null when the complainant has no usable email or asked to be contacted by phone or post. */
      email: string | null;
    };

export const complainantRecipientId = (caseId: string) => `complainant:${caseId}`;

/** The same reader named twice in one event is told once. */
export function dedupeRecipients(notify: Recipient[]): Recipient[] {
  const seen = new Set<string>();
  return notify.filter((r) => {
    const key = 'personId' in r ? `person:${r.personId}` : 'complainant';
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

interface PersonRow {
  id: string;
  name: string;
  email: string;
  active: boolean;
}

/** A person named by an event must exist and be active: otherwise nobody would be told. */
export function staffRecipient(personId: string, person: PersonRow | null): ResolvedRecipient {
  if (!person) throw new PermanentError(`unknown person ${personId}: no such Person to notify`);
  if (!person.active) throw new PermanentError(`person ${personId} is inactive and cannot be notified`);
  return { kind: 'staff', recipientId: person.id, email: person.email, name: person.name };
}

const NON_EMAIL_PREFERENCES = new Set(['phone', 'post', 'letter']);

/**
 * The complainant's email, if they can and want to be emailed. The case's `complainant` JSON is
 * `{ name, email?, phone?, preferredContact }`; a missing or malformed email, or a preference for
 * phone or post, means no email: the notification is recorded as 'letter-or-phone' instead.
 */
export function complainantEmail(complainant: unknown): string | null {
  if (typeof complainant !== 'object' || complainant === null) return null;
  const { email, preferredContact } = complainant as { email?: unknown; preferredContact?: unknown };
  if (typeof preferredContact === 'string' && NON_EMAIL_PREFERENCES.has(preferredContact.toLowerCase())) return null;
  const parsed = z.email().safeParse(typeof email === 'string' ? email.trim() : undefined);
  return parsed.success ? parsed.data : null;
}

export function complainantRecipient(caseId: string, complainant: unknown): ResolvedRecipient {
  return { kind: 'complainant', recipientId: complainantRecipientId(caseId), email: complainantEmail(complainant) };
}

/** Complainants hear about outcomes and review windows; the rest is internal casework. */
const COMPLAINANT_TOPICS = new Set<string>(['case.outcome', 'case.review-window', 'case.withdrawal-letter']);

/**
 * The channel for one reader of one event, or null when that reader is not told at all:
 * - a complainant is never told about internal casework (tasks, breaches, reports), nor of the
 *   review window closing;
 * - staff are told in-app only (no email) that a review window has closed;
 * - a complainant without a usable email gets a 'letter-or-phone' record and no email;
 * - otherwise by email (which staff also see in-app).
 */
export function channelFor(event: NotifyingEvent, recipient: ResolvedRecipient): Channel | null {
  if (recipient.kind === 'complainant') {
    if (!complainantIsTold(event)) return null;
    return recipient.email ? 'email' : 'letter-or-phone';
  }
  return reviewWindowClosed(event) ? 'in-app' : 'email';
}

const reviewWindowClosed = (event: NotifyingEvent) => event.topic === 'case.review-window' && event.envelope.data.event === 'closed';

export const complainantIsTold = (event: NotifyingEvent): boolean => COMPLAINANT_TOPICS.has(event.topic) && !reviewWindowClosed(event);

/** An alert's roles as people: everyone active in them, by id (an alert names roles, not people). */
async function alertRoleRecipients(db: Db, event: NotifyingEvent): Promise<Recipient[]> {
  if (event.topic !== 'probity.alert' || event.envelope.data.notifyRoles.length === 0) return [];
  const people = await db.person.findMany({ where: { role: { in: event.envelope.data.notifyRoles }, active: true }, select: { id: true }, orderBy: { id: 'asc' } });
  return people.map((p) => ({ personId: p.id }));
}

/**
 * Resolves every reader of an event before anything is sent, so that an unknown person stops the
 * whole event (→ dead-letter topic) rather than leaving it half delivered.
 */
export async function resolveRecipients(db: Db, event: NotifyingEvent): Promise<ResolvedRecipient[]> {
  const notify = dedupeRecipients([...(await alertRoleRecipients(db, event)), ...event.envelope.data.notify]);
  const resolved: ResolvedRecipient[] = [];
  for (const r of notify) {
    if ('personId' in r) {
      const person = await db.person.findUnique({
        where: { id: r.personId },
        select: { id: true, name: true, email: true, active: true },
      });
      resolved.push(staffRecipient(r.personId, person));
      continue;
    }
    if (!complainantIsTold(event)) continue; // see channelFor: nothing to look up
    const caseId = caseIdOf(event);
    if (!caseId) throw new PermanentError(`${event.topic} event ${event.envelope.id} names the complainant but is not about a case`);
    const found = await db.case.findUnique({ where: { id: caseId }, select: { complainant: true } });
    if (!found) throw new PermanentError(`unknown case ${caseId}: cannot find its complainant`);
    resolved.push(complainantRecipient(caseId, found.complainant));
  }
  return resolved;
}
