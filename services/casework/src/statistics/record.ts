// The parts of the case record the IOPC's figures are counted from (DOMAIN.md "What the record
// holds for the IOPC"): plain rows, shaped like the Prisma models they come from, so the counting
// rules can be stated (and unit-tested) as pure functions over them.
import type { IsoDate } from '@probity/shared/domain/index';

export interface CaseRow {
  id: string;
  ref: string;
  /** 'complaint' | 'conduct': the IOPC's figures count complaints only. */
  kind: string;
  receivedAt: Date;
  loggedAt: Date;
  firstContactAt: Date | null;
  /** 'outside-schedule-3' | 'schedule-3' | null (not yet assessed) */
  handling: string | null;
  schedule3At: Date | null;
  handlingMode: string | null;
  finalisedAt: Date | null;
  restricted: boolean;
}

export interface AllegationRow {
  caseId: string;
  codeListVersion: string;
  category: string;
  subCategory: string | null;
}

export interface Schedule3ReasonRow {
  caseId: string;
  /** 'complainant-wishes' | 'dissatisfied-after-initial-handling' | 'appropriate-authority-decides' | 'mandatory-referral' */
  reason: string;
}

export interface SuspensionRow {
  caseId: string;
  startedAt: Date;
  endedAt: Date | null;
}

export interface ReviewRow {
  caseId: string;
  /** 'local-policing-body' | 'iopc' */
  body: string;
  appliedOn: IsoDate;
  /** 'upheld' | 'not-upheld' | null (not decided) */
  outcome: string | null;
  decidedAt: Date | null;
}

export interface StageTimingRow {
  caseId: string;
  stage: string;
  enteredAt: Date;
  leftAt: Date | null;
  dueAt: Date | null;
  breachedAt: Date | null;
}

export interface TaskRow {
  caseId: string;
  type: string;
  createdAt: Date;
  dueAt: Date;
  completedAt: Date | null;
  escalations: number;
}

export interface StatisticsRecord {
  cases: CaseRow[];
  allegations: AllegationRow[];
  schedule3Reasons: Schedule3ReasonRow[];
  suspensions: SuspensionRow[];
  reviews: ReviewRow[];
  stageTimings: StageTimingRow[];
  tasks: TaskRow[];
}

export const isComplaint = (c: Pick<CaseRow, 'kind'>) => c.kind === 'complaint';
