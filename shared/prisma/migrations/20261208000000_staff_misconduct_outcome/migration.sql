-- A matter about police staff follows the police-staff misconduct procedure; its outcome is kept
-- here for the statistics and lessons, apart from the officers' MisconductOutcome that publication
-- reads. Written by hand (see README "Database migrations").
CREATE TABLE "StaffMisconductOutcome" (
    "caseId" TEXT NOT NULL,
    "ref" TEXT NOT NULL,
    "outcomeOn" DATE NOT NULL,
    "outcome" TEXT NOT NULL,
    "decidedOutcome" TEXT NOT NULL,
    "appealResult" TEXT,
    "standards" TEXT[],
    "recordedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "StaffMisconductOutcome_pkey" PRIMARY KEY ("caseId")
);
CREATE UNIQUE INDEX "StaffMisconductOutcome_ref_key" ON "StaffMisconductOutcome"("ref");
CREATE INDEX "StaffMisconductOutcome_outcomeOn_idx" ON "StaffMisconductOutcome"("outcomeOn");
