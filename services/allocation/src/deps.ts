import type { Producer } from 'kafkajs';
import type { Client } from '@temporalio/client';
import type { Db } from '@probity/shared/db/client';
import type { Logger } from '@probity/shared/log';
import type { Workload } from './assignment';

/** What the allocation handlers need from the world; tests pass their own queue and topic. */
export interface AllocationDeps {
  db: Db;
  temporal: Client;
  producer: Producer;
  log: Logger;
  /** Task queue the case workflows are started on (config.TEMPORAL_TASK_QUEUE). */
  taskQueue: string;
  /** Where case.allocated is published (TOPICS.caseAllocated). */
  caseAllocatedTopic: string;
  now?: () => Date;
  /** Workloads to choose from (default: loaded afresh for each choice). */
  workload?: Workload;
}
