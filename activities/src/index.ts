import type { Producer } from 'kafkajs';
import type { Db } from '@probity/shared/db/client';
import { DEFAULT_PUBLICATION_PERIOD_DAYS } from '@probity/shared/domain/index';
import type { Logger } from '@probity/shared/log';
import { caseRecordActivities } from './case-record';
import { complaintRecordActivities } from './complaint-record';
import { conductActivities } from './conduct';
import { escalationActivities } from './escalation';
import { eventActivities } from './events';
import { peopleActivities } from './people';
import { policyActivities } from './policy';
import { retentionActivities } from './retention';
import { taskActivities } from './tasks';

export interface ActivityDeps {
  db: Db;
  producer: Producer;
  log: Logger;
  /** PUBLICATION_PERIOD_DAYS (shared/src/config.ts); default 28 days. */
  publicationPeriodDays?: number;
}

/** The activities the worker registers, bound to their real dependencies. */
export function createActivities({ db, producer, publicationPeriodDays = DEFAULT_PUBLICATION_PERIOD_DAYS }: ActivityDeps) {
  return {
    ...caseRecordActivities(db),
    ...complaintRecordActivities(db),
    ...taskActivities(db),
    ...peopleActivities(db),
    ...eventActivities(producer),
    ...escalationActivities(db, producer),
    ...conductActivities(db, { publicationPeriodDays }),
    ...policyActivities(db),
    ...retentionActivities(db, producer),
  };
}

export type Activities = ReturnType<typeof createActivities>;
