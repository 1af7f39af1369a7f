// The load: complaints POSTed to intake's public API as a real client sends them — each with its
// own Idempotency-Key, retried with the same key (and the same body) on a network error or a 5xx,
// until it gets a 2xx or gives up. Accepted means a 2xx came back, nothing less.
import { sleep } from '../stack';

export interface Sent {
  /** Which complaint of the run (its complainant's address is made from it). */
  n: number;
  idempotencyKey: string;
  email: string;
  /** The reference intake answered with; undefined when no 2xx ever came. */
  ref?: string;
  attempts: number;
}

export const complaintFor = (email: string) => ({
  complainant: { name: 'Chaos Monkey', email, preferredContact: 'email' },
  incident: { what: 'Fault-injection complaint, please ignore.', when: '2026-11-01', where: 'Chaos Lane' },
  subjects: [{ team: 'north-response', division: 'north' }],
  allegations: [{ category: 'delivery-of-duties-and-service', description: 'fault injection' }],
});

/** One complaint, retried until a 2xx or until `giveUpMs` has passed. */
export async function fileComplaint(intakeUrl: string, run: string, n: number, giveUpMs: number): Promise<Sent> {
  const sent: Sent = { n, idempotencyKey: `chaos-${run}-${n}`, email: `chaos-${run}-${n}@example.test`, attempts: 0 };
  const body = JSON.stringify(complaintFor(sent.email));
  const until = Date.now() + giveUpMs;
  for (let backoff = 250; Date.now() < until; backoff = Math.min(backoff * 2, 4000)) {
    sent.attempts++;
    try {
      const res = await fetch(`${intakeUrl}/complaints`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': sent.idempotencyKey },
        body,
        signal: AbortSignal.timeout(15_000),
      });
      const answer = (await res.json().catch(() => ({}))) as { ref?: string };
      if (res.ok && answer.ref) return { ...sent, ref: answer.ref };
      // A 4xx other than 429 would be the same on every retry: the load itself is wrong.
      if (res.status < 500 && res.status !== 429) throw new Error(`complaint ${n} refused with ${res.status}: ${JSON.stringify(answer)}`);
    } catch (err) {
      if ((err as Error).message.startsWith(`complaint ${n} refused`)) throw err;
      // Connection refused or reset, or a timeout: the service is down or restarting. Retry.
    }
    await sleep(backoff);
  }
  return sent;
}

/**
 * `count` complaints at `perSecond`, each retried on its own; `during(i)` is called as the i-th
 * starts (the fault is injected from there). Resolves when every complaint is accepted or gave up.
 */
export async function runLoad(opts: {
  intakeUrl: string; run: string; first: number; count: number; perSecond: number; giveUpMs: number;
  during?: (i: number) => void;
}): Promise<Sent[]> {
  const pending: Promise<Sent>[] = [];
  for (let i = 0; i < opts.count; i++) {
    opts.during?.(i);
    pending.push(fileComplaint(opts.intakeUrl, opts.run, opts.first + i, opts.giveUpMs));
    await sleep(1000 / opts.perSecond);
  }
  return Promise.all(pending);
}
