-- A case's tasks are read by the case id on every access check (shared/src/cases/case-access.ts:
-- who is working on it) and by the reference on the case page: without these, each read scanned
-- every task ever opened (issue 12's open-cases benchmark). The inbox's own order (due, created,
-- id) within an assignee's open tasks gets one too, so a page is read in index order.
-- Written by hand (see README "Database migrations").

-- CreateIndex
CREATE INDEX "Task_caseId_idx" ON "Task"("caseId");

-- CreateIndex
CREATE INDEX "Task_caseRef_idx" ON "Task"("caseRef");

-- CreateIndex
CREATE INDEX "Task_assigneeId_completedAt_dueAt_createdAt_id_idx" ON "Task"("assigneeId", "completedAt", "dueAt", "createdAt", "id");
