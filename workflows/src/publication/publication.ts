// Shows a misconduct hearing outcome from its first day and withdraws it when its period ends
// (DOMAIN.md "Publication"): two durable timers anchored at London midnights, each followed by
// an activity that sets the Publication row's status, which is all the public and workforce pages
// read. A worker restart or a Temporal outage only delays the change, never loses it. A PSD manager
// may withdraw it before its period ends (withdrawEarlyUpdate): each wait also ends on that, and
// the withdrawal is recorded with its reason at once.
import { condition, patched, proxyActivities, setHandler } from '@temporalio/workflow';
import type { Activities } from '@probity/activities/index';
import { startOfLondonDayMs } from '@probity/shared/domain/index';
import { nowIso, sleepUntil } from '../casework/clock';
import { earlyWithdrawalRefusal, publicationStateQuery, PublicationRefusal, withdrawEarlyUpdate, type EarlyWithdrawal, type PublicationInput, type PublicationState } from './contract';

const acts = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '5 minutes', backoffCoefficient: 2 },
});

export async function publication(input: PublicationInput): Promise<PublicationState> {
  const state: PublicationState = { ref: input.ref, status: 'scheduled', publishFrom: input.publishFrom, withdrawOn: input.withdrawOn };
  setHandler(publicationStateQuery, () => state);
  let early: EarlyWithdrawal | undefined;
  setHandler(
    withdrawEarlyUpdate,
    async (w) => {
      early = w;
      await condition(() => state.status === 'withdrawn');
      return state;
    },
    {
      validator: (w) => {
        const refused = earlyWithdrawalRefusal(state, early !== undefined, w);
        if (refused) throw new PublicationRefusal(refused);
      },
    },
  );
  // A wait ends at its instant or on an early withdrawal. The condition adds no command, so a
  // history without the update replays as before.
  const waitUntil = (ms: number) => Promise.race([sleepUntil(ms), condition(() => early !== undefined)]);

  await waitUntil(startOfLondonDayMs(input.publishFrom));
  if (!early) {
    state.publishedAt = nowIso();
    await acts.setPublicationStatus({ caseId: input.caseId, status: 'published', at: state.publishedAt });
    state.status = 'published';
    await waitUntil(startOfLondonDayMs(input.withdrawOn));
  }

  state.withdrawnAt = nowIso();
  // Only a history with the update reaches this branch; the marker records it for what follows.
  if (early && patched('publication-early-withdrawal')) {
    await acts.withdrawPublicationEarly({ caseId: input.caseId, at: state.withdrawnAt, reason: early.reason.trim(), actorId: early.actor.id });
    state.withdrawnEarly = true;
  } else {
    await acts.setPublicationStatus({ caseId: input.caseId, status: 'withdrawn', at: state.withdrawnAt });
  }
  state.status = 'withdrawn';
  return state;
}
