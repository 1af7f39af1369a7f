-- CreateTable
CREATE TABLE "Policy" (
    "id" TEXT NOT NULL,
    "ref" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "lastReviewedOn" DATE NOT NULL,
    "lastReviewOutcome" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "equalityImpact" TEXT NOT NULL,
    "riskRating" TEXT NOT NULL,
    "nextReviewDue" DATE NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Policy_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PolicyReview" (
    "id" TEXT NOT NULL,
    "policyId" TEXT NOT NULL,
    "reviewedOn" DATE NOT NULL,
    "outcome" TEXT NOT NULL,
    "newVersion" TEXT,
    "reviewerId" TEXT NOT NULL,
    "notes" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PolicyReview_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Policy_ref_key" ON "Policy"("ref");

-- CreateIndex
CREATE INDEX "Policy_nextReviewDue_idx" ON "Policy"("nextReviewDue");

-- CreateIndex
CREATE INDEX "Policy_ownerId_idx" ON "Policy"("ownerId");

-- CreateIndex
CREATE INDEX "PolicyReview_policyId_reviewedOn_idx" ON "PolicyReview"("policyId", "reviewedOn");

-- AddForeignKey
ALTER TABLE "PolicyReview" ADD CONSTRAINT "PolicyReview_policyId_fkey" FOREIGN KEY ("policyId") REFERENCES "Policy"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
