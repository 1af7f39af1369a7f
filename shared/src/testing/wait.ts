/**
 * Polls until `probe` returns something other than undefined, or fails after a bounded deadline
 * naming what it waited for. For tests against real, eventually consistent things (Kafka
 * consumers, Temporal visibility, the mail sink).
 */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, opts: { timeoutMs?: number; everyMs?: number } = {}): Promise<T> {
  const { timeoutMs = 60_000, everyMs = 250 } = opts;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const got = await probe();
    if (got !== undefined) return got;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
