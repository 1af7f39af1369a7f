-- Early-intervention flags (shared/src/early-intervention/flag-store.ts). Written by hand (see
-- README "Database migrations").

-- CreateTable
CREATE TABLE "EarlyInterventionFlag" (
    "id" TEXT NOT NULL,
    "ruleId" TEXT NOT NULL,
    "ruleVersion" TEXT NOT NULL,
    "subjectKind" TEXT NOT NULL,
    "subjectKey" TEXT NOT NULL,
    "managerId" TEXT,
    "reason" TEXT NOT NULL,
    "caseIds" TEXT[],
    "windowFrom" TEXT NOT NULL,
    "windowTo" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'new',
    "raisedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "acknowledgedAt" TIMESTAMP(3),
    "acknowledgedBy" TEXT,
    "closedAt" TIMESTAMP(3),
    "closedBy" TEXT,
    "action" TEXT,
    "falsePositiveWhy" TEXT,

    CONSTRAINT "EarlyInterventionFlag_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "EarlyInterventionFlag_subjectKey_idx" ON "EarlyInterventionFlag"("subjectKey");

-- CreateIndex
CREATE INDEX "EarlyInterventionFlag_managerId_idx" ON "EarlyInterventionFlag"("managerId");

-- CreateIndex
CREATE INDEX "EarlyInterventionFlag_state_idx" ON "EarlyInterventionFlag"("state");
