// Bare workflows: what the Temporal server itself does, to set beside Probity's figures.
import { sleep } from '@temporalio/workflow';

/** Started and left open (raw start rate). */
export async function benchOpen(): Promise<void> {
  await sleep('365 days');
}

/** Sleeps to an instant, then completes (raw timer lateness = close time − instant). */
export async function benchSleepUntil(atMs: number): Promise<void> {
  const wait = atMs - Date.now();
  if (wait > 0) await sleep(wait);
}
