// Retrying one step that must not be abandoned half-way, such as recording that an email has
// gone: giving up would redo the whole delivery, and with it the part that cannot be undone.
// A dependency that is away for a while (a database restarting) is waited for, up to `forMs`.

export interface PatienceOptions {
  /** How long to keep trying before the last error is thrown. */
  forMs: number;
  /** First pause between attempts; doubled after each, up to `maxDelayMs`. */
  firstDelayMs?: number;
  maxDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function patiently<T>(step: () => Promise<T>, opts: PatienceOptions): Promise<T> {
  const now = opts.now ?? Date.now;
  const sleep = opts.sleep ?? realSleep;
  const until = now() + opts.forMs;
  for (let delay = opts.firstDelayMs ?? 250; ; delay = Math.min(delay * 2, opts.maxDelayMs ?? 5_000)) {
    try {
      return await step();
    } catch (err) {
      if (now() + delay > until) throw err;
      await sleep(delay);
    }
  }
}
