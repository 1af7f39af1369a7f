-- CreateTable
CREATE TABLE "ConductMatter" (
    "caseId" TEXT NOT NULL,
    "ref" TEXT NOT NULL,
    "raisedById" TEXT NOT NULL,
    "supervisorView" TEXT NOT NULL,
    "discussedWithChiefInspector" BOOLEAN NOT NULL DEFAULT false,
    "formalRequestById" TEXT,
    "subjectPersonId" TEXT NOT NULL,
    "standards" TEXT[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ConductMatter_pkey" PRIMARY KEY ("caseId")
);

-- CreateTable
CREATE TABLE "ConductProceedingsRole" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "assignedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ConductProceedingsRole_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RprpRecord" (
    "caseId" TEXT NOT NULL,
    "ref" TEXT NOT NULL,
    "participantId" TEXT NOT NULL,
    "reviewerId" TEXT NOT NULL,
    "directedBy" TEXT NOT NULL,
    "instructions" TEXT,
    "account" TEXT,
    "accountRecordedAt" TIMESTAMP(3),
    "accountRecordedById" TEXT,
    "discussionHeldOn" DATE,
    "actions" JSONB NOT NULL DEFAULT '[]',
    "reviewDueOn" DATE NOT NULL,
    "reviewedOn" DATE,
    "reviewNote" TEXT,
    "disposedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RprpRecord_pkey" PRIMARY KEY ("caseId")
);

-- CreateTable
CREATE TABLE "MisconductOutcome" (
    "caseId" TEXT NOT NULL,
    "ref" TEXT NOT NULL,
    "outcomeOn" DATE NOT NULL,
    "form" TEXT NOT NULL,
    "finding" TEXT NOT NULL,
    "sanction" TEXT,
    "subjectKind" TEXT NOT NULL,
    "subjectRank" TEXT,
    "standards" TEXT[],
    "publish" BOOLEAN NOT NULL,
    "publishFrom" DATE,
    "appealResult" TEXT,
    "recordedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MisconductOutcome_pkey" PRIMARY KEY ("caseId")
);

-- CreateIndex
CREATE UNIQUE INDEX "ConductMatter_ref_key" ON "ConductMatter"("ref");

-- CreateIndex
CREATE INDEX "ConductMatter_subjectPersonId_idx" ON "ConductMatter"("subjectPersonId");

-- CreateIndex
CREATE INDEX "ConductProceedingsRole_personId_idx" ON "ConductProceedingsRole"("personId");

-- CreateIndex
CREATE UNIQUE INDEX "ConductProceedingsRole_caseId_personId_role_key" ON "ConductProceedingsRole"("caseId", "personId", "role");

-- CreateIndex
CREATE UNIQUE INDEX "RprpRecord_ref_key" ON "RprpRecord"("ref");

-- CreateIndex
CREATE INDEX "RprpRecord_reviewerId_idx" ON "RprpRecord"("reviewerId");

-- CreateIndex
CREATE INDEX "RprpRecord_participantId_idx" ON "RprpRecord"("participantId");

-- CreateIndex
CREATE UNIQUE INDEX "MisconductOutcome_ref_key" ON "MisconductOutcome"("ref");

-- CreateIndex
CREATE INDEX "MisconductOutcome_publish_outcomeOn_idx" ON "MisconductOutcome"("publish", "outcomeOn");
