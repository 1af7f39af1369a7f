import { TestWorkflowEnvironment } from '@temporalio/testing';

/**
 * A time-skipping Temporal environment backed by the Java test server from Maven Central
 * (`infra/probity test` builds the launcher and exports its path). The SDK cannot download its
 * own test server on this kind of machine, so we hand it ours.
 */
export async function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  const path = process.env.TEMPORAL_TEST_SERVER_PATH;
  if (!path) {
    throw new Error('TEMPORAL_TEST_SERVER_PATH is not set: run the tests with `npm test` (infra/probity test)');
  }
  return TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path } } });
}

/** Unique ids so repeated runs against the long-lived dev server never collide. */
export const uniqueId = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
