-- Published misconduct hearing outcomes (DOMAIN.md "Publication"), shown and withdrawn by the
-- publication workflow's durable timers. Written by hand (see README "Database migrations").

-- CreateTable
CREATE TABLE "Publication" (
    "caseId" TEXT NOT NULL,
    "ref" TEXT NOT NULL,
    "officerName" TEXT,
    "nameWithheldBecause" TEXT,
    "subjectKind" TEXT NOT NULL,
    "subjectRank" TEXT,
    "form" TEXT NOT NULL,
    "finding" TEXT NOT NULL,
    "sanction" TEXT NOT NULL,
    "standards" TEXT[],
    "outcomeOn" DATE NOT NULL,
    "publishFrom" DATE NOT NULL,
    "withdrawOn" DATE NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'scheduled',
    "publishedAt" TIMESTAMP(3),
    "withdrawnAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Publication_pkey" PRIMARY KEY ("caseId")
);

-- CreateIndex
CREATE UNIQUE INDEX "Publication_ref_key" ON "Publication"("ref");

-- CreateIndex
CREATE INDEX "Publication_status_outcomeOn_idx" ON "Publication"("status", "outcomeOn");
