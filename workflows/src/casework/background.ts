// Loops that run beside a case's main line (complainant updates, long-running reports), each in
// its own cancellation scope, so the main line can stop them when their stage is over.
import { CancellationScope, isCancellation } from '@temporalio/workflow';

/** For a promise left to run beside the main line: a cancelled scope ends it quietly. */
export function swallowCancellation(err: unknown): void {
  if (!isCancellation(err)) throw err;
}

/** Runs a background loop in its own cancellable scope; cancelling it ends the loop quietly. */
export function background(fn: () => Promise<void>): CancellationScope {
  const scope = new CancellationScope();
  void scope.run(fn).catch(swallowCancellation);
  return scope;
}
