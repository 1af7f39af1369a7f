// Storing a conduct matter: one Postgres transaction writes the Case (kind 'conduct'), one
// Allegation per standard allegedly breached, the ConductMatter row, the case.received
// OutboxEvent, an AuditEntry and (when the client sent one) the IdempotencyKey — all or nothing,
// exactly like a complaint (intake-store.ts), so an accepted matter is never lost or half stored.
import { randomUUID } from 'node:crypto';
import type { Db } from '@probity/shared/db/client';
import { TOPICS } from '@probity/shared/events/topics';
import type { Actor } from '@probity/shared/auth';
import { CONDUCT_PREFIX, STANDARD_LABELS } from '@probity/workflows/conduct/contract';
import type { ConductMatterForm } from './conduct-form';
import { CONDUCT_CHANNEL, conductReceivedEvent } from './conduct-received';
import { STAGE_RECEIVED } from '@probity/shared/complaint/complaint-store';
import { nextReference } from '@probity/shared/cases/reference';
import { createIdempotently, hashRequest, type IdempotentResult } from '@probity/shared/cases/idempotency';

export const CONDUCT_SCOPE = 'POST /conduct-matters';

/** A conduct matter's allegations are the standards allegedly breached, not IOPC complaint codes. */
export const STANDARDS_CODE_LIST = 'standards-of-professional-behaviour';

export interface ConductIntakeRequest {
  form: ConductMatterForm;
  raisedBy: Actor;
  /** The subject's team and division as the Person table has them. */
  subject: { personId: string; team: string; division: string };
  /** §3.3.5: the raiser's request for a formal assessment was accepted (chief inspector or above). */
  formalRequest: boolean;
  idempotencyKey?: string;
}

export interface ConductReceipt {
  ref: string;
  caseId: string;
}

export type ConductIntakeResult = IdempotentResult<ConductReceipt>;

/** Hash of what was asked (the validated form and who asked), for key-reuse checks. */
export function conductRequestHash(req: Pick<ConductIntakeRequest, 'form' | 'raisedBy'>): string {
  return hashRequest({ scope: CONDUCT_SCOPE, form: req.form, by: req.raisedBy.id });
}

export interface ConductStore {
  recordConductMatter(req: ConductIntakeRequest): Promise<ConductIntakeResult>;
}

export function createConductStore(db: Db): ConductStore {
  return {
    recordConductMatter(req) {
      return createIdempotently<ConductReceipt, ConductReceipt>(db, {
        key: req.idempotencyKey,
        scope: CONDUCT_SCOPE,
        hash: conductRequestHash(req),
        replay: (stored) => ({ ref: stored.ref, caseId: stored.caseId }),
        create: async (tx) => {
          const now = new Date();
          const caseId = randomUUID();
          const ref = await nextReference(tx, CONDUCT_PREFIX, now);
          const standards = req.form.standards.map((standard) => ({ id: randomUUID(), standard }));
          const event = conductReceivedEvent({ caseId, ref, receivedAt: now, standards, subject: req.subject });
          await tx.case.create({
            data: {
              id: caseId,
              ref,
              kind: 'conduct',
              channel: CONDUCT_CHANNEL,
              stage: STAGE_RECEIVED,
              receivedAt: now,
              loggedAt: now,
              recordedById: req.raisedBy.id,
              // Internal matters have no complainant and no public case token ('' never matches one).
              publicTokenHash: '',
              complainant: {},
              incident: req.form.account,
              subjects: [req.subject],
              allegations: {
                create: standards.map((s, i) => ({ id: s.id, seq: i + 1, category: s.standard, codeListVersion: STANDARDS_CODE_LIST, description: STANDARD_LABELS[s.standard] })),
              },
            },
          });
          await tx.conductMatter.create({
            data: {
              caseId,
              ref,
              raisedById: req.raisedBy.id,
              supervisorView: req.form.view,
              discussedWithChiefInspector: req.form.discussedWithChiefInspector === true,
              formalRequestById: req.formalRequest ? req.raisedBy.id : null,
              source: req.form.source ?? null,
              sourceDetail: req.form.sourceDetail ?? null,
              subjectPersonId: req.subject.personId,
              standards: req.form.standards,
            },
          });
          await tx.outboxEvent.create({ data: { id: event.id, topic: TOPICS.caseReceived, key: caseId, payload: event as object } });
          await tx.auditEntry.create({
            data: {
              id: randomUUID(),
              caseId,
              at: now,
              actorId: req.raisedBy.id,
              action: 'conduct-matter-raised',
              detail: { view: req.form.view, standards: req.form.standards, formalRequest: req.formalRequest, ...(req.form.source ? { source: req.form.source } : {}) },
            },
          });
          return { receipt: { ref, caseId }, caseId, stored: { ref, caseId } };
        },
      });
    },
  };
}
