// Storing a complaint: one Postgres transaction writes the Case, its Allegations, Complainants
// (with any equality answers), Subjects, the case.received OutboxEvent, an AuditEntry and (when the
// client sent one) the IdempotencyKey. Either all of it is committed or none, so an accepted
// complaint is never lost and never half stored, and the outbox relay publishes the event afterwards.
//
// Before anything is written the rules of DOMAIN.md "Access, conflicts and the complaint's route"
// are applied (the same pure rules the workflow's validators apply): nobody records a complaint
// about themselves or their own team, and a complaint that must be recorded under Schedule 3 is
// never closed as resolved at first contact. A serious-corruption complaint is stored restricted.
import { randomUUID } from 'node:crypto';
import type { Db } from '@probity/shared/db/client';
import { TOPICS } from '@probity/shared/events/topics';
import type { Actor } from '@probity/shared/auth';
import {
  CURRENT_CODE_LIST_VERSION,
  canResolveAtFirstContact,
  defaultSubCategory,
  mayWorkOnCase,
  restrictionOf,
  type ComplaintForRouting,
} from '@probity/shared/domain/index';
import { HttpError } from '../http/errors';
import type { ComplaintForm } from './complaint-form';
import { caseReceivedEvent, type SubjectRef } from './case-received';
import type { SubjectKind } from './record-fields';
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

/** A complaint the rules refuse to record as asked: 403 (conflict of interest) or 422 (the law forbids it). */
export class ComplaintRefused extends HttpError {}

/** A subject as the record keeps it: what the form said, completed from the Person register. */
export interface RecordedSubject extends SubjectRef {
  kind: SubjectKind;
  rank?: string;
  description?: string;
}

/** The form's subjects, with team, division, rank and kind filled in from the register where personId names someone. */
export async function resolveSubjects(db: Db, subjects: ComplaintForm['subjects']): Promise<RecordedSubject[]> {
  const ids = subjects.flatMap((s) => (s.personId ? [s.personId] : []));
  const people = ids.length
    ? await db.person.findMany({ where: { id: { in: ids } }, select: { id: true, team: true, division: true, rank: true, role: true } })
    : [];
  return subjects.map((s) => {
    const p = people.find((x) => x.id === s.personId);
    const kind: SubjectKind = s.kind ?? (p ? (p.rank ? 'officer' : 'staff') : 'not-identified');
    return {
      kind,
      ...(s.personId !== undefined && { personId: s.personId }),
      ...((s.team ?? p?.team) !== undefined && { team: s.team ?? p!.team }),
      ...((s.division ?? p?.division) !== undefined && { division: s.division ?? p!.division }),
      ...(p?.rank && { rank: p.rank }),
      ...(s.description !== undefined && { description: s.description }),
    };
  });
}

/** The complainant as Case.complainant keeps them: their equality answers live only in ComplainantEquality. */
function withoutEquality<C extends { equality?: unknown }>(c: C): Omit<C, 'equality'> {
  const { equality: _equality, ...rest } = c;
  return rest;
}

/** The routing rule's view of the form (ids are the allegation's position until stored). */
export function routingFactsOf(form: ComplaintForm, allegationIds: string[]): ComplaintForRouting {
  const flags = form.flags ?? {};
  return {
    allegations: form.allegations.map((a, i) => ({
      id: allegationIds[i]!,
      category: a.category,
      ...((a.subCategory ?? defaultSubCategory(a.category)) !== undefined && { subCategory: a.subCategory ?? defaultSubCategory(a.category) }),
      ...(flags.deathOrSeriousInjury !== undefined && { deathOrSeriousInjury: flags.deathOrSeriousInjury }),
    })),
    ...(flags.complainantWantsSch3 !== undefined && { complainantWantsSch3: flags.complainantWantsSch3 }),
  };
}

/**
 * The refusal for a complaint taken at first contact that the rules forbid, or null: the recorder
 * is a subject or in a subject's team (conflict of interest), or it is closed as resolved although
 * the law requires it to be recorded under Schedule 3.
 */
export function firstContactRefusal(fc: FirstContact, subjects: readonly SubjectRef[], routing: ComplaintForRouting): ComplaintRefused | null {
  const work = mayWorkOnCase(fc.by, subjects, 'record');
  if (!work.allowed) return new ComplaintRefused(403, 'conflict_of_interest', work.reason, { basis: 'conflict of interest (DOMAIN.md)' });
  if (fc.resolved) {
    const resolve = canResolveAtFirstContact(routing);
    if (!resolve.allowed) return new ComplaintRefused(422, 'first_contact_not_allowed', resolve.reason, { field: 'firstContact.resolved', basis: 'Police Reform Act 2002 Sch 3' });
  }
  return null;
}

export function createIntakeStore(db: Db, sealer: TokenSealer): IntakeStore {
  return {
    async recordComplaint(req) {
      const scope = req.firstContact ? 'POST /complaints/first-contact' : 'POST /complaints';
      const now = new Date();
      const caseId = randomUUID();
      let outboxId = '';
      const subjects = await resolveSubjects(db, req.form.subjects);
      const positions = req.form.allegations.map((_, i) => `A${i + 1}`);
      const routing = routingFactsOf(req.form, positions);
      if (req.firstContact) {
        const refusal = firstContactRefusal(req.firstContact, subjects, routing);
        if (refusal) throw refusal;
      }
      const restriction = restrictionOf(routing.allegations);
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
            subjects,
            allegationIds,
            ...(fc && { firstContact: { byId: fc.by.id, team: fc.by.team, at: now, resolved: fc.resolved } }),
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
              restricted: restriction.restricted,
              restrictionReason: restriction.restricted ? restriction.reason : null,
              publicTokenHash: hashCaseToken(token),
              complainant: withoutEquality(req.form.complainant),
              incident: req.form.incident,
              subjects: req.form.subjects,
              outcomeWanted: req.form.outcomeWanted ?? null,
              allegations: {
                create: req.form.allegations.map((a, i) => ({
                  id: allegationIds[i]!,
                  seq: i + 1,
                  category: a.category,
                  codeListVersion: CURRENT_CODE_LIST_VERSION,
                  subCategory: routing.allegations[i]!.subCategory ?? null,
                  factors: a.factors ?? [],
                  description: a.description,
                })),
              },
              caseSubjects: {
                create: subjects.map((s, i) => ({
                  id: randomUUID(),
                  seq: i + 1,
                  kind: s.kind,
                  personId: s.personId ?? null,
                  team: s.team ?? null,
                  division: s.division ?? null,
                  rank: s.rank ?? null,
                  description: s.description ?? null,
                })),
              },
            },
          });
          outboxId = event.id;
          const complainants = [req.form.complainant, ...req.form.otherComplainants].map((c, i) => ({ c, id: randomUUID(), seq: i + 1 }));
          await tx.complainant.createMany({
            data: complainants.map(({ c: { name, role, onBehalfOf, writtenAuthority, equality: _equality, ...contact }, id, seq }) => ({
              id, caseId, seq, role, name, contact, onBehalfOf: onBehalfOf ?? null, writtenAuthority: writtenAuthority ?? null,
            })),
          });
          // Equality answers are optional and stay here: never in the event, the workflow or a log line.
          const answered = complainants.filter(({ c }) => c.equality && Object.values(c.equality).some((v) => v !== undefined));
          if (answered.length > 0) {
            await tx.complainantEquality.createMany({ data: answered.map(({ c, id }) => ({ complainantId: id, caseId, ...c.equality })) });
          }
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
                complainants: 1 + req.form.otherComplainants.length,
                ...(restriction.restricted && { restricted: restriction.reason }),
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
