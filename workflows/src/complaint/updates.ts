// Keeping the complainant informed (C&M reg 34): one loop from the start of handling to the
// outcome, each update due four weeks after the previous notification (an update, or anything
// else the complainant was told), through every stage. Deterministic workflow code.
import type { CancellationScope } from '@temporalio/workflow';
import { addCalendarDays, complainantUpdateDue, startOfLondonDayMs, type IsoDate, type SlaPolicy } from '@probity/shared/domain/index';
import { background } from '../casework/background';
import type { Casework } from '../casework/casework';
import { sleepUntil, today } from '../casework/clock';
import type { TaskType } from './contract';

/** How long before an update falls due its task opens (the handler's reminder). */
const REMIND_DAYS_BEFORE = 7;

export class ComplainantUpdates {
  private previousNotificationOn: IsoDate | undefined;
  private loop: CancellationScope | undefined;
  private n = 0;

  constructor(
    private readonly cw: Casework<TaskType>,
    private readonly c: { handlingStartedOn: IsoDate; sla: SlaPolicy; assignee: () => string },
  ) {}

  /** The complainant was told something on `on` (an update, the outcome, a review's result): the next update runs from it. */
  notified(on: IsoDate): void {
    this.previousNotificationOn = on;
  }

  /** Starts (or restarts, when handling reopens) the loop; a running loop is left as it is. */
  start(): void {
    if (this.loop) return;
    this.loop = background(async () => {
      for (;;) {
        const due = complainantUpdateDue({ handlingStartedOn: this.c.handlingStartedOn, previousNotificationOn: this.previousNotificationOn }, this.cw.basics.cal, this.c.sla);
        await sleepUntil(startOfLondonDayMs(addCalendarDays(due.dueOn, -REMIND_DAYS_BEFORE)));
        const to = this.c.assignee();
        const task = await this.cw.openTask('complainant-update', to, due, []);
        this.n += 1;
        await this.cw.emit('case.update-due', { taskId: task.id, taskType: task.type, assigneeId: task.assigneeId, dueAt: task.dueAt, n: this.n, notify: [{ personId: task.assigneeId }] });
        await this.cw.awaitTask(task);
        // Withdrawn by the workflow is not a notification; only a completed update is.
        if (!task.completedBy?.startsWith('system:')) this.notified(today());
      }
    });
  }

  /** The open update goes to whoever now handles the case. */
  async handOverTo(personId: string): Promise<void> {
    for (const t of [...this.cw.state.openTasks]) if (t.type === 'complainant-update') await this.cw.handOver(t, personId, 'allocated');
  }

  /** Stops the loop (the outcome has been told) and withdraws an update still open. */
  async stop(reason: string): Promise<void> {
    this.loop?.cancel();
    this.loop = undefined;
    for (const t of [...this.cw.state.openTasks]) if (t.type === 'complainant-update') await this.cw.withdraw(t, reason);
  }
}
