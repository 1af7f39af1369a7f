// Storing a complaint: one Postgres transaction writes the Case, its Allegations, the
// case.received OutboxEvent, an AuditEntry and (when the client sent one) the IdempotencyKey.
// Either all of it is committed or none, so an accepted complaint is never lost and never half
// stored, and the outbox relay publishes the event afterwards.
import { randomUUID } from 'node:crypto';
import type { Db } from '@probity/shared/db/client';
import { TOPICS } from '@probity/shared/events/topics';
import type { Actor } from '@probity/shared/auth';
import type { ComplaintForm } from './complaint-form';
import { caseReceivedEvent } from './case-received';
import { hashCaseToken, newCaseToken, type TokenSealer } from './case-token';
import { assignReference, COMPLAINT_PREFIX, provisionalReference } from '../cases/reference';
import { createIdempotently, hashRequest, type IdempotentResult } from '../cases/idempotency';

export const STAGE_RECEIVED = 'received';
export const STAGE_RESOLVED_AT_FIRST_CONTACT = 'resolved-at-first-contact';
/** Who an AuditEntry names when a member of the public acted through the public form. */
export const PUBLIC_ACTOR_ID = 'public';

export interface FirstContact {
  by: Actor;
  resolved: boolean;
  summary?: string;
}

export interface IntakeRequest {
  form: ComplaintForm;
  /** Front-line path (§3.2.2); absent for the public form. */
  firstContact?: FirstContact;
  /** The client's Idempotency-Key header, if any. */
  idempotencyKey?: string;
}

export interface IntakeReceipt {
  ref: string;
  caseId: string;
  /** The complainant's case token, in plain text: handed out, never stored as such. */
  token: string;
}

export type IntakeResult = IdempotentResult<IntakeReceipt>;

/** What the IdempotencyKey row keeps of the first response (the token sealed, see TokenSealer). */
interface StoredReceipt {
  ref: string;
  caseId: string;
  sealedToken: string;
}

/** Hash of what was asked (the validated form, the path and who asked), for key-reuse checks. */
export function requestHash(scope: string, req: IntakeRequest): string {
  const fc = req.firstContact && { byId: req.firstContact.by.id, resolved: req.firstContact.resolved, summary: req.firstContact.summary };
  return hashRequest({ scope, form: req.form, firstContact: fc });
}

export interface IntakeStore {
  recordComplaint(req: IntakeRequest): Promise<IntakeResult>;
}

export function createIntakeStore(db: Db, sealer: TokenSealer): IntakeStore {
  return {
    recordComplaint(req) {
      const scope = req.firstContact ? 'POST /complaints/first-contact' : 'POST /complaints';
      const now = new Date();
      const caseId = randomUUID();
      let outboxId = '';
      return createIdempotently<IntakeReceipt, StoredReceipt>(db, {
        key: req.idempotencyKey,
        scope,
        hash: requestHash(scope, req),
        replay: (stored) => ({ ref: stored.ref, caseId: stored.caseId, token: sealer.unseal(stored.sealedToken) }),
        create: async (tx) => {
          const token = newCaseToken();
          // The number comes last (finalize), so the counter is held only for the commit.
          const ref = provisionalReference(caseId);
          const allegationIds = req.form.allegations.map(() => randomUUID());
          const fc = req.firstContact;
          const resolved = fc?.resolved === true;
          const event = caseReceivedEvent({
            caseId,
            ref,
            receivedAt: now,
            form: req.form,
            allegationIds,
            ...(fc && { firstContact: { byId: fc.by.id, at: now, resolved: fc.resolved } }),
          });
          await tx.case.create({
            data: {
              id: caseId,
              ref,
              kind: 'complaint',
              channel: req.form.channel,
              stage: resolved ? STAGE_RESOLVED_AT_FIRST_CONTACT : STAGE_RECEIVED,
              receivedAt: now,
              loggedAt: now,
              firstContactAt: fc ? now : null,
              closedAt: resolved ? now : null,
              recordedById: fc?.by.id ?? null,
              resolvedAtFirstContact: resolved,
              publicTokenHash: hashCaseToken(token),
              complainant: req.form.complainant,
              incident: req.form.incident,
              subjects: req.form.subjects,
              allegations: {
                create: req.form.allegations.map((a, i) => ({
                  id: allegationIds[i]!,
                  seq: i + 1,
                  category: a.category,
                  description: a.description,
                })),
              },
            },
          });
          outboxId = event.id;
          await tx.outboxEvent.create({
            data: { id: event.id, topic: TOPICS.caseReceived, key: caseId, payload: event as object },
          });
          await tx.auditEntry.create({
            data: {
              id: randomUUID(),
              caseId,
              at: now,
              actorId: fc?.by.id ?? PUBLIC_ACTOR_ID,
              action: fc ? 'complaint-recorded-at-first-contact' : 'complaint-received',
              detail: {
                channel: req.form.channel,
                allegations: req.form.allegations.length,
                ...(fc && { firstContact: { resolved: fc.resolved, ...(fc.summary !== undefined && { summary: fc.summary }) } }),
              },
            },
          });
          return { receipt: { ref, caseId, token }, caseId, stored: { ref, caseId, sealedToken: sealer.seal(token) } };
        },
        finalize: async (tx, receipt) => ({
          ...receipt,
          ref: await assignReference(tx, { prefix: COMPLAINT_PREFIX, at: now, caseId, outboxId, idempotencyKey: req.idempotencyKey }),
        }),
      });
    },
  };
}
