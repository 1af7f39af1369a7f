// Withdrawing a published misconduct hearing outcome before its period ends (DOMAIN.md
// "Publication": an appeal succeeded, a court ordered it). One zod schema for the API and the
// page; the reason is checked for obvious personal data as a lesson is (it is kept beside the
// Publication and shown to the workforce), then the publication workflow's withdrawEarly update
// judges who and when and records it — the public page stops listing it before the answer comes.
import { z } from 'zod';
import type { Actor } from '@probity/shared/auth';
import type { Db } from '@probity/shared/db/client';
import { personalDataIn } from '@probity/shared/domain/index';
import { EARLY_WITHDRAWAL_REASON, EARLY_WITHDRAWAL_ROLES, type PublicationState } from '@probity/workflows/publication/contract';
import type { ConductWorkflows } from '../conduct/conduct-workflows';
import { namesToAvoid } from '../lessons/lesson-store';

export const earlyWithdrawalSchema = z.object({
  reason: z
    .string({ error: 'say why the outcome is withdrawn before its period ends' })
    .trim()
    .min(EARLY_WITHDRAWAL_REASON.min, { error: `say why the outcome is withdrawn before its period ends (at least ${EARLY_WITHDRAWAL_REASON.min} characters), e.g. the appeal succeeded` })
    .max(EARLY_WITHDRAWAL_REASON.max, { error: `at most ${EARLY_WITHDRAWAL_REASON.max} characters` })
    .describe('Why it is withdrawn early, without personal data (e.g. "The appeal tribunal allowed the appeal on 3 March")'),
});
export type EarlyWithdrawalForm = z.infer<typeof earlyWithdrawalSchema>;

export const mayWithdrawPublications = (actor: Actor) => (EARLY_WITHDRAWAL_ROLES as readonly string[]).includes(actor.role);

/** The case's publication as the withdrawal page shows it; null when it has none. */
export async function publicationOfCase(db: Db, caseId: string) {
  return db.publication.findUnique({ where: { caseId }, select: { ref: true, status: true, publishFrom: true, withdrawOn: true, withdrawnAt: true, withdrawnBecause: true } });
}

export type WithdrawResult = { ok: true; state: PublicationState } | { ok: false; field: 'reason'; message: string };

/** Refuses a reason naming anyone; otherwise asks the publication workflow (which may refuse: WorkflowRefused). */
export async function withdrawPublicationEarly(deps: { db: Db; workflows: ConductWorkflows }, c: { caseId: string; ref: string }, actor: Actor, form: EarlyWithdrawalForm): Promise<WithdrawResult> {
  const found = personalDataIn(form.reason, await namesToAvoid(deps.db, c.caseId));
  if (found.length > 0) return { ok: false, field: 'reason', message: `The reason is kept for the workforce and must not identify anyone: remove ${found.join(', ')}` };
  return { ok: true, state: await deps.workflows.withdrawPublication(c.ref, { actor, reason: form.reason }) };
}
