// Shows a misconduct hearing outcome from its first day and withdraws it when its period ends
// (DOMAIN.md "Publication"): two durable timers anchored at London midnights, each followed by
// an activity that sets the Publication row's status, which is all the public and workforce pages
// read. A worker restart or a Temporal outage only delays the change, never loses it.
import { proxyActivities, setHandler } from '@temporalio/workflow';
import type { Activities } from '@probity/activities/index';
import { startOfLondonDayMs } from '@probity/shared/domain/index';
import { nowIso, sleepUntil } from '../casework/clock';
import { publicationStateQuery, type PublicationInput, type PublicationState } from './contract';

const acts = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '5 minutes', backoffCoefficient: 2 },
});

export async function publication(input: PublicationInput): Promise<PublicationState> {
  const state: PublicationState = { ref: input.ref, status: 'scheduled', publishFrom: input.publishFrom, withdrawOn: input.withdrawOn };
  setHandler(publicationStateQuery, () => state);

  await sleepUntil(startOfLondonDayMs(input.publishFrom));
  state.publishedAt = nowIso();
  await acts.setPublicationStatus({ caseId: input.caseId, status: 'published', at: state.publishedAt });
  state.status = 'published';

  await sleepUntil(startOfLondonDayMs(input.withdrawOn));
  state.withdrawnAt = nowIso();
  await acts.setPublicationStatus({ caseId: input.caseId, status: 'withdrawn', at: state.withdrawnAt });
  state.status = 'withdrawn';
  return state;
}
