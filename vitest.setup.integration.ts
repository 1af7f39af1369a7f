import { DefaultLogger, Runtime } from '@temporalio/worker';

// Keep the Temporal SDK's own logging to warnings in test output.
Runtime.install({ logger: new DefaultLogger('WARN') });
