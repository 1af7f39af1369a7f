// Publication of misconduct hearing outcomes (DOMAIN.md "Publication"). When the outcome of a
// hearing is recorded (recordMisconductOutcome, ./conduct.ts), the Publication row is written —
// the officer's name from the Person register unless an exception withholds it — and the
// workflow publication-<ref> is started with a deterministic id, so a retried activity finds the
// one it started. That workflow's timers show and withdraw it (setPublicationStatus).
import { Context } from '@temporalio/activity';
import { WorkflowExecutionAlreadyStartedError, WorkflowIdConflictPolicy, WorkflowIdReusePolicy, type Client } from '@temporalio/client';
import type { Db } from '@probity/shared/db/client';
import type { MisconductOutcomeRecord } from './conduct';
import { publicationDecision, publicationPeriod, type PublicationDecision } from '@probity/shared/domain/index';
import { PUBLICATION_WORKFLOW, publicationWorkflowId, type PublicationInput, type PublicationStatus } from '@probity/workflows/publication/contract';

const asDate = (isoDate: string) => new Date(`${isoDate}T00:00:00.000Z`);
const iso = (d: Date) => d.toISOString().slice(0, 10);


/** Starts a workflow once per id: a second start (running or finished) changes nothing. */
export type StartPublication = (input: PublicationInput) => Promise<void>;

/** Starts publication-<ref> once: a second start, while it runs or after it finished, changes nothing. */
export async function startPublicationWorkflow(client: Client, taskQueue: string, input: PublicationInput): Promise<void> {
  try {
    await client.workflow.start(PUBLICATION_WORKFLOW, {
      taskQueue,
      workflowId: publicationWorkflowId(input.ref),
      args: [input],
      workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
      // Withdrawn means withdrawn: a late retry never shows it again.
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
}

/** From inside an activity: the worker's own client, on the worker's own task queue. */
export const startFromActivity: StartPublication = (input) => startPublicationWorkflow(Context.current().client, Context.current().info.taskQueue, input);

/**
 * Every publication not yet withdrawn has its workflow (the worker calls this at start-up): one
 * written without an activity — the demo's, or one whose start was lost — is picked up. Repeatable.
 */
export async function ensurePublicationWorkflows(db: Pick<Db, 'publication'>, client: Client, taskQueue: string): Promise<number> {
  const open = await db.publication.findMany({ where: { status: { in: ['scheduled', 'published'] } }, select: { caseId: true, ref: true, publishFrom: true, withdrawOn: true } });
  for (const p of open) {
    await startPublicationWorkflow(client, taskQueue, { caseId: p.caseId, ref: p.ref, publishFrom: iso(p.publishFrom), withdrawOn: iso(p.withdrawOn) });
  }
  return open.length;
}

/**
 * Writes the Publication of a hearing outcome and starts its workflow, when the rule says it is
 * published; otherwise nothing is written and the reason is returned. Repeatable.
 */
export async function publishHearingOutcome(db: Db, o: MisconductOutcomeRecord, periodDays: number, start: StartPublication): Promise<PublicationDecision> {
  const decision = publicationDecision(o);
  if (!decision.publish) return decision;
  const { publishFrom, withdrawOn } = publicationPeriod(o.publishFrom ?? o.outcomeOn, periodDays);
  const matter = await db.conductMatter.findUnique({ where: { caseId: o.caseId }, select: { subjectPersonId: true } });
  const person = matter ? await db.person.findUnique({ where: { id: matter.subjectPersonId }, select: { name: true } }) : null;
  const withheld = o.nameWithheldBecause?.trim() || null;
  const data = {
    ref: o.ref,
    officerName: withheld ? null : (person?.name ?? null),
    nameWithheldBecause: withheld,
    subjectKind: o.subjectKind,
    subjectRank: o.subjectRank,
    form: o.form,
    finding: o.finding,
    sanction: o.sanction,
    standards: o.standards,
    outcomeOn: asDate(o.outcomeOn),
    publishFrom: asDate(publishFrom),
    withdrawOn: asDate(withdrawOn),
  };
  // A retry rewrites what was recorded, never the status the workflow has moved on.
  await db.publication.upsert({ where: { caseId: o.caseId }, create: { caseId: o.caseId, ...data }, update: data });
  await start({ caseId: o.caseId, ref: o.ref, publishFrom, withdrawOn });
  return decision;
}

export function publicationActivities(db: Db) {
  return {
    /** The publication workflow's timers: shown on its first day, withdrawn when its period ends. Repeatable. */
    async setPublicationStatus(s: { caseId: string; status: Exclude<PublicationStatus, 'scheduled'>; at: string }): Promise<void> {
      const at = new Date(s.at);
      await db.publication.update({
        where: { caseId: s.caseId },
        data: s.status === 'published' ? { status: 'published', publishedAt: at } : { status: 'withdrawn', withdrawnAt: at },
      });
    },

    /** Withdrawn before its period ended (the publication workflow's withdrawEarly update), with who and why, audited on the case. Repeatable. */
    async withdrawPublicationEarly(w: { caseId: string; at: string; reason: string; actorId: string }): Promise<void> {
      const at = new Date(w.at);
      await db.$transaction([
        db.publication.update({ where: { caseId: w.caseId }, data: { status: 'withdrawn', withdrawnAt: at, withdrawnBecause: w.reason, withdrawnById: w.actorId } }),
        db.auditEntry.createMany({
          data: [{ id: `publication-withdrawn-early:${w.caseId}`, caseId: w.caseId, at, actorId: w.actorId, action: 'publication-withdrawn-early', detail: { reason: w.reason } }],
          skipDuplicates: true,
        }),
      ]);
    },
  };
}
