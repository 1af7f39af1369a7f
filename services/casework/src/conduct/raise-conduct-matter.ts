// Raising a conduct matter (DOMAIN.md "Conduct matter", §3.3), for the API and the portal alike:
// the subject must be an active person (and match the team and division given), nobody raises one
// about themselves, and possible misconduct is a request for formal PSD assessment, which only a
// chief inspector or above may make (§3.3.5). Refusals are HttpErrors: 400 naming the field, 422,
// or 403 with the rule's reason. PSD, raising it for the appropriate authority with the allegation's
// source, is not bound by §3.3.5's routing (force policy for supervisors, not law).
import type { Actor } from '@probity/shared/auth';
import type { Db } from '@probity/shared/db/client';
import { triageConductConcern, type SupervisorView, type TriageRoute } from '@probity/shared/domain/index';
import { HttpError, validationFailed } from '@probity/shared/http/errors';
import type { Logger } from '@probity/shared/log';
import { personOfActor, psdOpensAssessmentRefusal } from '@probity/workflows/conduct/task-rules';
import type { ConductMatterForm } from './conduct-form';
import type { ConductIntakeResult, ConductStore } from './conduct-store';

export const refusedFormalRequest = (reason: string) => new HttpError(403, 'formal_assessment_refused', reason, { basis: '§3.3.5' });

/**
 * Where the concern goes (§3.3.4–§3.3.7), as the matter workflow triages it from the same facts:
 * the supervisor's view, and the raiser's rank or grade for a formal request.
 */
export function triageOfMatter(
  /** openedByPsd: PSD raised it for the appropriate authority with its source (§3.3.5 is advice, not a bar). */
  concern: { view: SupervisorView; discussedWithChiefInspector?: boolean; openedByPsd?: boolean },
  raisedBy: Pick<Actor, 'rank' | 'role'>,
  grade: string | null,
): TriageRoute {
  return triageConductConcern({
    ...concern,
    requester: concern.view === 'possible-misconduct' ? personOfActor(raisedBy, grade) : undefined,
  });
}

export async function raiseConductMatter(
  deps: { db: Db; log: Logger; store: ConductStore },
  actor: Actor,
  form: ConductMatterForm,
  idempotencyKey?: string,
): Promise<{ result: ConductIntakeResult; triage: ReturnType<typeof triageConductConcern> }> {
  const subject = await deps.db.person.findUnique({ where: { id: form.subject.personId } });
  if (!subject || !subject.active) {
    throw validationFailed([{ field: 'subject.personId', message: `no active officer or member of staff with id '${form.subject.personId}'` }]);
  }
  const mismatched = (['team', 'division'] as const).filter((k) => form.subject[k] !== undefined && form.subject[k] !== subject[k]);
  if (mismatched.length) {
    throw validationFailed(mismatched.map((k) => ({ field: `subject.${k}`, message: `does not match the ${k} of ${subject.id} (${subject[k]})` })));
  }
  if (subject.id === actor.id) throw new HttpError(422, 'own_conduct', 'you cannot raise a conduct matter about yourself: ask your own supervisor');

  // With a source, PSD raises it for the appropriate authority: §3.3.5's routing is advice, not a bar.
  if (form.source !== undefined) {
    const refusal = psdOpensAssessmentRefusal(actor, form.source, form.sourceDetail);
    if (refusal) throw refusedFormalRequest(refusal);
  }
  // §3.3.5: otherwise possible misconduct is a request for formal PSD assessment — chief inspector or above.
  const grade = (await deps.db.person.findUnique({ where: { id: actor.id }, select: { grade: true } }))?.grade ?? null;
  const triage = triageOfMatter({ view: form.view, discussedWithChiefInspector: form.discussedWithChiefInspector, openedByPsd: form.source !== undefined }, actor, grade);
  if (triage.route === 'formal-assessment-refused') {
    deps.log.info({ actorId: actor.id, rank: actor.rank, basis: '§3.3.5' }, 'formal assessment request refused');
    throw refusedFormalRequest(triage.explanation);
  }
  const result = await deps.store.recordConductMatter({
    form,
    raisedBy: actor,
    subject: { personId: subject.id, team: subject.team, division: subject.division },
    formalRequest: triage.route === 'request-formal-assessment',
    idempotencyKey,
  });
  return { result, triage };
}
