// Time inside a case workflow: the workflow clock (Date.now() is deterministic there), London
// days, and waits that end at an instant computed from the case's own dates.
import { condition, sleep } from '@temporalio/workflow';
import { toLondonDate, type IsoDate } from '@probity/shared/domain/index';

/** Today's London date by the workflow clock. */
export const today = (): IsoDate => toLondonDate(Date.now());

/** Now by the workflow clock, as an ISO instant. */
export const nowIso = (): string => new Date(Date.now()).toISOString();

/** Sleeps until an instant (epoch ms); returns at once if it has passed. */
export async function sleepUntil(ms: number): Promise<void> {
  const wait = ms - Date.now();
  if (wait > 0) await sleep(wait);
}

/**
 * Waits until `fn` is true or the instant `atMs` has passed: true if `fn` became true. A wait
 * that is already over still takes one durable timer (1 ms), as every case workflow always has.
 */
export function conditionUntil(fn: () => boolean, atMs: number): Promise<boolean> {
  return condition(fn, Math.max(atMs - Date.now(), 1));
}
