// Where a case or a task lives in the portal, by its reference (CO-… complaints, CM-… conduct matters).
import { CONDUCT_PREFIX } from '@probity/workflows/conduct/contract';

export const isConductRef = (ref: string) => ref.startsWith(`${CONDUCT_PREFIX}-`);
export const caseHref = (ref: string) => (isConductRef(ref) ? `/conduct-matters/${encodeURIComponent(ref)}` : `/cases/${encodeURIComponent(ref)}`);
export const taskHref = (ref: string, taskId: string) => `${caseHref(ref)}/tasks/${encodeURIComponent(taskId)}`;
