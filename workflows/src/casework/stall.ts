// Waiting out what people must fix, instead of retrying for ever or failing the case. An activity
// that can never succeed as things are (no head of PSD configured, a person missing) fails as
// non-retryable with its reason (type MissingPerson). The workflow then marks itself stalled
// (search attribute Stalled, the state query's `stalled`), tells the PSD manager and ops once,
// and waits — adding nothing to its history while it waits — for ops to fix the data and send
// retryStalled (`npm run ops -- retry-stalled`). Then it tries again, and goes on as if nothing
// had happened. Nothing is lost: the case never fails for missing data.
import { ActivityFailure, ApplicationFailure, condition, setHandler, upsertSearchAttributes } from '@temporalio/workflow';
import { Stalled } from '@probity/shared/temporal/search-attributes';
import { nowIso } from './clock';
import { CANNOT_SUCCEED_TYPES, retryStalledSignal, type StallEntry } from './contract';

/** The reason an activity failed for good and can be waited out, or undefined for any other error. */
export function cannotSucceed(err: unknown): string | undefined {
  const cause = err instanceof ActivityFailure ? err.cause : undefined;
  if (!(cause instanceof ApplicationFailure) || !cause.nonRetryable) return undefined;
  return (CANNOT_SUCCEED_TYPES as readonly string[]).includes(cause.type ?? '') ? cause.message : undefined;
}

export interface StallHooks {
  /** Tells people (once per stall). */
  stalled(entry: StallEntry): Promise<void>;
  resumed(entry: StallEntry): Promise<void>;
}

export class Stalls {
  /** What the workflow is waiting on now, oldest first. */
  readonly active: StallEntry[] = [];
  private retries = 0;

  constructor(private readonly hooks: StallHooks) {
    setHandler(retryStalledSignal, () => {
      this.retries += 1;
    });
  }

  /** Marks a stall (and the search attribute); call unmark when it is over. */
  mark(kind: string, reason: string): StallEntry {
    const entry = { kind, reason, since: nowIso() };
    this.active.push(entry);
    this.show();
    return entry;
  }

  unmark(entry: StallEntry): void {
    const i = this.active.indexOf(entry);
    if (i >= 0) this.active.splice(i, 1);
    this.show();
  }

  /**
   * Runs `call`; if it fails for good (cannotSucceed), stalls until ops ask for a retry, then
   * runs it again — as often as it takes. Any other error is the caller's.
   */
  async until<T>(call: () => Promise<T>): Promise<T> {
    let entry: StallEntry | undefined;
    for (;;) {
      try {
        const value = await call();
        if (entry) {
          this.unmark(entry);
          await this.hooks.resumed(entry);
        }
        return value;
      } catch (err) {
        const reason = cannotSucceed(err);
        if (reason === undefined) throw err;
        if (!entry) {
          entry = this.mark('missing-person', reason);
          await this.hooks.stalled(entry);
        }
        const asked = this.retries;
        await condition(() => this.retries !== asked);
      }
    }
  }

  private show(): void {
    upsertSearchAttributes([{ key: Stalled, value: this.active.length > 0 }]);
  }
}
