// One policy's review cycle, for as long as the policy is in the register (DOMAIN.md "Policies",
// P02 §7.1): reminders to the owner at each lead time before the due day, escalation when the
// review is overdue (the owner's manager, then the head of PSD, again every escalation interval
// while it stays overdue), and a recorded review — "no amendments" or a new version — that
// schedules the next one two years on.
//
// It never ends, so it continues as new: after every recorded review (the new period starts with
// a fresh history), and mid-period whenever the history grows past a limit or Temporal suggests
// it. Each run hands the next everything it needs (owner, version, due day, what was already
// sent), waiting first for any update handler still running.
//
// Deterministic: time is the workflow clock (Date.now()), days are London days, working days come
// from the holidays given at start, and event ids are derived from the period's due day.
import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '@probity/activities/index';
import { HolidayCalendar, deadlineAtEndOf, policyReviewDue, toLondonDate, type IsoDate } from '@probity/shared/domain/index';
import { AssignedTo, NextDeadline, PolicyRef, SlaBreached, Stage } from '@probity/shared/temporal/search-attributes';
import {
  changeOwnerUpdate,
  policyStateQuery,
  reviewedUpdate,
  type EscalationSent,
  type PolicyReviewCarry,
  type PolicyReviewInput,
  type PolicyReviewState,
  type ReminderSent,
  type ReviewRecord,
} from './contract';
import { escalationRecipientForLevel, planNotices, policyReviewSla, policyStatus, type PolicyNotice } from './policy-status';
import { Stalls } from '../casework/stall';
import type { StallEntry } from '../casework/contract';
import { PolicyRefusal, checkOwnerChange, checkReviewer, parseReview } from './review-rules';

const acts = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
});

/**
 * The bound on a run's history. A run continues as new after every recorded review, and as soon
 * as its history has passed historyLimit events (default 1000, or when Temporal suggests it) at
 * the next point where it would wait. Between two such points it adds at most one step — one
 * notice, or one recorded review or owner change — which is well under HISTORY_STEP_MAX events.
 * So no run's history exceeds historyLimit + HISTORY_STEP_MAX, however long the policy lives
 * (workflows/test/policy-review-bound.int.test.ts: 50 years).
 */
export const DEFAULT_HISTORY_LIMIT = 1000;
export const HISTORY_STEP_MAX = 50;

const nowIso = () => new Date(Date.now()).toISOString();
const today = () => toLondonDate(Date.now());

export async function policyReview(input: PolicyReviewInput): Promise<never> {
  const { policyId, ref } = input;
  const cal = new HolidayCalendar(input.holidays);
  const sla = policyReviewSla(input.sla, input.remindBefore);
  const workflowId = workflowInfo().workflowId;
  const historyLimit = input.historyLimit ?? DEFAULT_HISTORY_LIMIT;
  const carry: PolicyReviewCarry = input.carry ?? { cycle: 1, remindersSent: [], escalations: 0, continuedAsNew: 0 };

  // The current review period. A recorded review moves all of it on to the next period at once.
  let ownerId = input.ownerId;
  let ownerManagerId: string | null = carry.ownerManagerId ?? null;
  let version = input.version;
  let dueOn: IsoDate = input.nextReviewDue;
  let cycle = carry.cycle;
  let remindersSent: ReminderSent[] = [...carry.remindersSent];
  let escalations = carry.escalations;
  let lastEscalation: EscalationSent | undefined = carry.lastEscalation;
  let lastNoticeAtMs: number | undefined = carry.lastNoticeAtMs;
  let lastReview: ReviewRecord | undefined = carry.lastReview;
  let periodClosed = false;
  let recording = false;
  let changingOwner = false;

  const state = (): PolicyReviewState => ({
    policyId,
    ref,
    owner: ownerId,
    ownerManager: ownerManagerId,
    version,
    nextReviewDue: dueOn,
    status: policyStatus(dueOn, Date.now(), cal, sla),
    cycle,
    remindersSent,
    escalations,
    lastEscalation,
    lastReview,
    continuedAsNew: carry.continuedAsNew,
    stalled: stalls.active,
  });

  // Search attributes for ops (PolicyRef, Stage = status, NextDeadline = end of the due day,
  // SlaBreached = overdue, AssignedTo = owner); upserted only when one of them changes.
  let shown = '';
  const syncSearchAttributes = () => {
    const status = policyStatus(dueOn, Date.now(), cal, sla);
    const key = `${status}|${dueOn}|${ownerId}`;
    if (key === shown) return;
    shown = key;
    upsertSearchAttributes([
      { key: PolicyRef, value: ref },
      { key: Stage, value: status },
      { key: SlaBreached, value: status === 'overdue' },
      { key: NextDeadline, value: new Date(deadlineAtEndOf(dueOn).dueAt) },
      { key: AssignedTo, value: ownerId },
    ]);
  };

  const owners = () => ({ ref, ownerId, ownerManagerId });

  // A person the cycle needs who is not there (the owner, a head of PSD): stall, tell the PSD
  // manager and ops once, and wait for ops' retryStalled (see casework/stall.ts).
  const alert = (kind: 'cannot-proceed' | 'resumed', e: StallEntry) =>
    acts.emit({
      topic: 'probity.alert',
      id: `${workflowId}:${dueOn}:${kind}:${e.since}`,
      subject: policyId,
      data: {
        kind,
        ref,
        workflowId,
        summary: kind === 'cannot-proceed' ? `the review cycle of policy ${ref} cannot proceed: ${e.reason}` : `the review cycle of policy ${ref} is going again (${e.reason})`,
        notifyRoles: kind === 'cannot-proceed' ? ['psd-manager', 'ops'] : ['ops'],
        detail: { since: e.since, dueOn },
      },
      at: nowIso(),
    });
  const stalls = new Stalls({ stalled: (e) => alert('cannot-proceed', e), resumed: (e) => alert('resumed', e) });
  const headOfPsd = () => stalls.until(() => acts.headOfPsd());

  /** The owner's manager now; kept unless the owner changed meanwhile (then the change's answer stands). */
  const refreshManager = async (): Promise<string | null> => {
    const owner = ownerId;
    const manager = await stalls.until(() => acts.managerOf(owner));
    if (ownerId === owner) ownerManagerId = manager;
    return manager;
  };

  // ── Recording a review (§7.1): only the owner, their manager or the head of PSD ───────────
  setHandler(
    reviewedUpdate,
    async (request) => {
      const review = parseReview(ref, request, version);
      recording = true;
      try {
        const reviewedOn = today();
        const next = policyReviewDue(reviewedOn, cal, sla).dueOn;
        await acts.recordPolicyReview({
          id: `${workflowId}:${dueOn}:review`,
          policyId,
          reviewedOn,
          outcome: review.outcome,
          ...(review.newVersion !== undefined ? { newVersion: review.newVersion } : {}),
          reviewerId: request.actor.id,
          ...(review.notes !== undefined ? { notes: review.notes } : {}),
          nextReviewDue: next,
        });
        version = review.newVersion ?? version;
        lastReview = { reviewedOn, outcome: review.outcome, version, by: request.actor.id };
        // The next period starts now; the main loop continues as new into it.
        dueOn = next;
        cycle += 1;
        remindersSent = [];
        escalations = 0;
        lastEscalation = undefined;
        lastNoticeAtMs = undefined;
        periodClosed = true;
        syncSearchAttributes();
        return state();
      } finally {
        recording = false;
      }
    },
    {
      validator: (request) => {
        if (recording) throw new PolicyRefusal(`a review of policy ${ref} is already being recorded`);
        if (periodClosed) throw new PolicyRefusal(`the review of policy ${ref} has just been recorded; the next one is due by ${dueOn}`);
        checkReviewer(request.actor, owners());
        parseReview(ref, request, version);
      },
    },
  );

  // ── A new owner: reminders and escalations follow them from now on ───────────────────────
  setHandler(
    changeOwnerUpdate,
    async ({ ownerId: newOwnerId }) => {
      await condition(() => !changingOwner);
      changingOwner = true;
      try {
        const person = await acts.policyPerson(newOwnerId);
        if (!person?.active) {
          throw ApplicationFailure.nonRetryable(`${newOwnerId} cannot own policy ${ref}: there is no active person with that id`, 'PolicyRefusal');
        }
        await acts.setPolicyOwner(policyId, newOwnerId);
        ownerId = newOwnerId;
        ownerManagerId = person.managerId;
        syncSearchAttributes();
        return state();
      } finally {
        changingOwner = false;
      }
    },
    { validator: ({ actor, ownerId: newOwnerId }) => checkOwnerChange(actor, owners(), newOwnerId) },
  );

  setHandler(policyStateQuery, state);

  // ── Telling people: one event per notice, never a backlog ────────────────────────────────
  const send = async (notice: PolicyNotice) => {
    const period = dueOn;
    const at = nowIso();
    const base = { policyId, policyRef: ref, dueOn: period };
    if (notice.kind === 'reminder') {
      const to = ownerId;
      await acts.emit({
        topic: 'policy.review-due',
        id: `${workflowId}:${period}:reminder:${notice.on}`,
        subject: policyId,
        data: { ...base, kind: 'reminder', level: 0, notify: [{ personId: to }] },
        at,
      });
      if (!periodClosed) remindersSent.push({ on: notice.on, to, at });
    } else {
      const level = escalations + 1;
      let to: string;
      if (escalationRecipientForLevel(period, level, cal, sla) === 'manager') {
        await refreshManager();
        to = ownerManagerId ?? (await headOfPsd());
      } else {
        to = await headOfPsd();
      }
      await acts.emit({
        topic: 'policy.review-due',
        id: `${workflowId}:${period}:overdue:${level}`,
        subject: policyId,
        data: { ...base, kind: 'overdue', level, notify: [{ personId: to }] },
        at,
      });
      if (!periodClosed) {
        escalations = level;
        lastEscalation = { level, to, at };
      }
    }
    if (!periodClosed) lastNoticeAtMs = notice.atMs;
  };

  const handOn = (): PolicyReviewInput => {
    const next: PolicyReviewCarry = {
      cycle,
      remindersSent,
      escalations,
      ...(lastEscalation ? { lastEscalation } : {}),
      ...(lastNoticeAtMs !== undefined ? { lastNoticeAtMs } : {}),
      ...(lastReview ? { lastReview } : {}),
      continuedAsNew: carry.continuedAsNew + 1,
      ownerManagerId,
    };
    return { ...input, ownerId, version, nextReviewDue: dueOn, carry: next };
  };

  syncSearchAttributes();
  // Reporting lines change: look the manager up afresh in every run (validators use it).
  await refreshManager();

  let waits = 0;
  while (!periodClosed) {
    const plan = planNotices(dueOn, Date.now(), cal, sla);
    // Only the latest notice whose time has come is owed: a cycle started late, or a worker
    // that was down for weeks, sends one notice, not a backlog.
    const owed = plan.owed && (lastNoticeAtMs === undefined || plan.owed.atMs > lastNoticeAtMs) ? plan.owed : undefined;
    if (owed && !recording) {
      await send(owed);
      continue;
    }
    syncSearchAttributes();
    const info = workflowInfo();
    if (waits > 0 && (info.historyLength > historyLimit || info.continueAsNewSuggested)) {
      await condition(allHandlersFinished);
      if (!periodClosed) return continueAsNew<typeof policyReview>(handOn());
      break;
    }
    await condition(() => periodClosed || (owed !== undefined && !recording), Math.max(plan.next.atMs - Date.now(), 1));
    waits += 1;
  }

  // The review is recorded: start the next period with a fresh history.
  await condition(allHandlersFinished);
  return continueAsNew<typeof policyReview>(handOn());
}
