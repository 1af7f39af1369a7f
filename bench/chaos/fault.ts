// One fault at a time: a share of the load runs, at a random moment in it the piece's serving
// process is killed with SIGKILL, and the operator brings the system back with the start script
// (which reuses what is up and starts what is not), retrying it as an operator would until it
// succeeds. Then the load's complaints are given time to settle, and every one is checked.
import { sleep } from '../stack';
import { runLoad, type Sent } from './load';
import { judge, tally, type Row, type Verdict } from './checks';
import { mailByRef, observe, unpublishedOutbox } from './observe';
import type { ChaosSystem, Piece } from './system';
import type { ParkedEvent } from '../../shared/src/dead-letters';

export interface ChaosOptions {
  run: string;
  complaints: number;
  faults: readonly Piece[];
  /** Complaints started per second (each one retried on its own). */
  perSecond: number;
  /** How long a client keeps retrying one complaint. */
  giveUpMs: number;
  /** How long the complaints of one fault may take to reach their first-task email. */
  settleMs: number;
  log: (line: string) => void;
}

export interface ChaosResult {
  rows: Row[];
  verdicts: Verdict[];
  unpublishedOutbox: number;
  parked: ParkedEvent[];
}

/** The start script until it succeeds (a piece killed a moment ago may still be letting go of its port or shared memory). */
async function recover(system: ChaosSystem, log: (l: string) => void): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await system.up();
    } catch (err) {
      if (attempt >= 6) throw err;
      log(`  start script failed (${(err as Error).message}); again`);
      await sleep(2000);
    }
  }
}

/** Every accepted complaint of the list has its first-task email, or the time is up. */
async function settle(system: ChaosSystem, sent: Sent[], ms: number): Promise<number> {
  const refs = sent.flatMap((s) => (s.ref ? [s.ref] : []));
  const until = Date.now() + ms;
  for (;;) {
    const mail = await mailByRef(system).catch(() => new Map());
    const waiting = refs.filter((r) => !mail.get(r)?.some((m: { subject: string }) => /New task/.test(m.subject))).length;
    if (waiting === 0 || Date.now() > until) return waiting;
    await sleep(2000);
  }
}

export async function runChaos(system: ChaosSystem, o: ChaosOptions): Promise<ChaosResult> {
  const phases: { fault: Piece; sent: Sent[]; recoverSeconds: number }[] = [];
  let first = 0;
  for (const [i, fault] of o.faults.entries()) {
    const count = Math.floor(o.complaints / o.faults.length) + (i < o.complaints % o.faults.length ? 1 : 0);
    // A random moment mid-load: somewhere in its second quarter to its third.
    const killAt = Math.floor(count * (0.25 + Math.random() * 0.5));
    let injected: Promise<number> | undefined;
    const sent = await runLoad({
      intakeUrl: system.intakeUrl, run: o.run, first, count, perSecond: o.perSecond, giveUpMs: o.giveUpMs,
      during: (n) => {
        if (n !== killAt) return;
        injected = (async () => {
          const t0 = Date.now();
          const pid = await system.kill(fault);
          o.log(`  ${fault}: kill -9 ${pid} at complaint ${n + 1} of ${count}`);
          await recover(system, o.log);
          return (Date.now() - t0) / 1000;
        })();
        injected.catch(() => undefined); // awaited below, once the load is done

      },
    });
    const recoverSeconds = await injected!;
    const waiting = await settle(system, sent, o.settleMs);
    o.log(`  ${fault}: recovered in ${recoverSeconds.toFixed(1)} s; ${sent.filter((s) => s.ref).length}/${count} accepted${waiting ? `, ${waiting} without their first-task email after ${o.settleMs / 1000} s` : ''}`);
    phases.push({ fault, sent, recoverSeconds });
    first += count;
  }

  // The outbox drains on its own; give it the moment it needs before it is counted.
  for (let i = 0; i < 30 && (await unpublishedOutbox(system)) > 0; i++) await sleep(2000);
  const observed = await observe(system, `chaos-${o.run}-%@example.test`);
  const verdicts: Verdict[] = [];
  const rows = phases.map((p) => {
    const vs = p.sent.map((s) => judge(s, observed));
    verdicts.push(...vs);
    return tally(p.fault, vs, p.recoverSeconds);
  });
  return { rows, verdicts, unpublishedOutbox: await unpublishedOutbox(system), parked: observed.parked };
}
