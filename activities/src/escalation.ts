import type { Producer } from 'kafkajs';
import type { Db } from '@probity/shared/db/client';
import { caseRecordActivities } from './case-record';
import { eventActivities, type Emission } from './events';
import { taskActivities } from './tasks';

// An SLA breach or a step up the chain, recorded in one activity: the task's escalation count,
// the stage's breach (the first time), the audit entry and the event. Each part is idempotent, so
// a retry repeats the whole safely; one activity instead of four keeps a deadline storm (many
// tasks due at the same instant) to one round trip through the server per escalation.
export interface Escalation {
  taskId: string;
  escalations: number;
  /** Set on the case's first breach: the stage whose timing row records it. */
  breach?: { caseId: string; stage: string; at: string };
  event: Emission;
  audit: { id: string; caseId: string; at: string; actorId: string; action: string; detail: Record<string, unknown> };
}

export function escalationActivities(db: Db, producer: Producer) {
  const tasks = taskActivities(db);
  const record = caseRecordActivities(db);
  const events = eventActivities(producer);
  return {
    async escalate(e: Escalation): Promise<void> {
      await tasks.recordEscalation(e.taskId, e.escalations);
      if (e.breach) await record.recordBreach(e.breach.caseId, e.breach.stage, e.breach.at);
      await record.audit(e.audit);
      await events.emit(e.event);
    },
  };
}
