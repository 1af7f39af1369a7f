import { createHash } from 'node:crypto';
import { isGrpcServiceError, type Client } from '@temporalio/client';
import { toPayloads, type SignalDefinition } from '@temporalio/common';
import { PermanentError } from '@probity/shared/kafka';

// A signal delivered at most once per key. The SDK's handle.signal() sends a random request id,
// so a retried handler would signal twice; the server drops a signal whose request id it has
// already seen on the run, so we send one derived from the key instead.

const GRPC_NOT_FOUND = 5;

/** A UUID (version 5 layout) derived from a key: same key, same UUID. Pure. */
export function deterministicUuid(key: string): string {
  const b = createHash('sha256').update(key).digest().subarray(0, 16);
  b[6] = (b[6]! & 0x0f) | 0x50;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * Signals the running workflow `workflowId`, encoding the arguments with the client's data
 * converter (so the payload codec encrypts them). A workflow that does not exist or has closed
 * cannot take the signal however often it is retried: PermanentError.
 */
export async function signalOnce<Args extends unknown[]>(
  client: Client,
  workflowId: string,
  signal: SignalDefinition<Args>,
  args: Args,
  key: string,
): Promise<void> {
  const { payloadConverter, payloadCodecs } = client.options.loadedDataConverter;
  let payloads = toPayloads(payloadConverter, ...args) ?? [];
  for (const codec of payloadCodecs) payloads = await codec.encode(payloads);
  try {
    await client.workflowService.signalWorkflowExecution({
      namespace: client.options.namespace,
      workflowExecution: { workflowId },
      signalName: signal.name,
      input: { payloads },
      identity: client.options.identity,
      requestId: deterministicUuid(key),
    });
  } catch (err) {
    if (isGrpcServiceError(err) && err.code === GRPC_NOT_FOUND) {
      throw new PermanentError(`workflow ${workflowId} is not running; cannot deliver signal '${signal.name}'`);
    }
    throw err;
  }
}
