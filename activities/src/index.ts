import type { Producer } from 'kafkajs';
import type { Db } from '@probity/shared/db/client';
import type { Logger } from '@probity/shared/log';

export interface ActivityDeps {
  db: Db;
  producer: Producer;
  log: Logger;
}

/** The activities the worker registers, bound to their real dependencies. */
export function createActivities(_deps: ActivityDeps) {
  return {};
}

export type Activities = ReturnType<typeof createActivities>;
