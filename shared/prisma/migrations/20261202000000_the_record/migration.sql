-- The record the IOPC's figures are counted from (DOMAIN.md "What the record holds for the IOPC"):
-- coded allegations with factors and outcomes per round, complainants with their roles, subjects
-- with their kind, optional equality monitoring, Schedule 3 reasons, suspensions, reviews, and
-- the restriction of serious-corruption cases. Written by hand (see README "Database migrations").

-- AlterTable
ALTER TABLE "Case" ADD COLUMN "schedule3At" TIMESTAMP(3),
ADD COLUMN "handlingMode" TEXT,
ADD COLUMN "iopcReferredAt" TIMESTAMP(3),
ADD COLUMN "iopcReference" TEXT,
ADD COLUMN "iopcModeDecision" TEXT,
ADD COLUMN "iopcDecidedAt" TIMESTAMP(3),
ADD COLUMN "restricted" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN "restrictionReason" TEXT,
ADD COLUMN "suspended" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN "finalisedAt" TIMESTAMP(3),
ADD COLUMN "reviewBody" TEXT;

-- AlterTable
ALTER TABLE "Allegation" ADD COLUMN "codeListVersion" TEXT NOT NULL DEFAULT 'iopc-2021-01',
ADD COLUMN "subCategory" TEXT,
ADD COLUMN "factors" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN "outcome" TEXT,
ADD COLUMN "caseToAnswer" BOOLEAN,
ADD COLUMN "actions" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN "finalisedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "AllegationOutcome" (
    "id" TEXT NOT NULL,
    "allegationId" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "round" INTEGER NOT NULL,
    "handling" TEXT NOT NULL,
    "handlingMode" TEXT,
    "outcome" TEXT NOT NULL,
    "caseToAnswer" BOOLEAN,
    "actions" TEXT[],
    "decidedAt" TIMESTAMP(3) NOT NULL,
    "decidedById" TEXT NOT NULL,

    CONSTRAINT "AllegationOutcome_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Complainant" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "role" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "contact" JSONB NOT NULL,
    "onBehalfOf" TEXT,
    "writtenAuthority" BOOLEAN,

    CONSTRAINT "Complainant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ComplainantEquality" (
    "complainantId" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "ageBand" TEXT,
    "sex" TEXT,
    "genderIdentitySameAsAtBirth" TEXT,
    "ethnicity" TEXT,
    "disability" TEXT,
    "religion" TEXT,
    "sexualOrientation" TEXT,

    CONSTRAINT "ComplainantEquality_pkey" PRIMARY KEY ("complainantId")
);

-- CreateTable
CREATE TABLE "CaseSubject" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "personId" TEXT,
    "team" TEXT,
    "division" TEXT,
    "rank" TEXT,
    "description" TEXT,

    CONSTRAINT "CaseSubject_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Schedule3Reason" (
    "caseId" TEXT NOT NULL,
    "ground" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "allegationIds" TEXT[],
    "recordedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Schedule3Reason_pkey" PRIMARY KEY ("caseId","ground")
);

-- CreateTable
CREATE TABLE "SuspensionPeriod" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "startedById" TEXT NOT NULL,
    "endedAt" TIMESTAMP(3),
    "endedById" TEXT,

    CONSTRAINT "SuspensionPeriod_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ComplaintReview" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "n" INTEGER NOT NULL,
    "body" TEXT NOT NULL,
    "bodyReason" TEXT NOT NULL,
    "appliedOn" DATE NOT NULL,
    "reviewerId" TEXT,
    "outcome" TEXT,
    "reasonableAndProportionate" BOOLEAN,
    "recommendations" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "rationale" TEXT,
    "decidedAt" TIMESTAMP(3),

    CONSTRAINT "ComplaintReview_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Case_kind_loggedAt_idx" ON "Case"("kind", "loggedAt");

-- CreateIndex
CREATE INDEX "Case_kind_handling_finalisedAt_idx" ON "Case"("kind", "handling", "finalisedAt");

-- CreateIndex
CREATE INDEX "Case_restricted_idx" ON "Case"("restricted");

-- CreateIndex
CREATE INDEX "Case_division_idx" ON "Case"("division");

-- CreateIndex
CREATE INDEX "Allegation_category_subCategory_idx" ON "Allegation"("category", "subCategory");

-- CreateIndex
CREATE INDEX "Allegation_finalisedAt_idx" ON "Allegation"("finalisedAt");

-- CreateIndex
CREATE INDEX "AllegationOutcome_caseId_idx" ON "AllegationOutcome"("caseId");

-- CreateIndex
CREATE INDEX "AllegationOutcome_decidedAt_idx" ON "AllegationOutcome"("decidedAt");

-- CreateIndex
CREATE UNIQUE INDEX "AllegationOutcome_allegationId_round_key" ON "AllegationOutcome"("allegationId", "round");

-- CreateIndex
CREATE UNIQUE INDEX "Complainant_caseId_seq_key" ON "Complainant"("caseId", "seq");

-- CreateIndex
CREATE INDEX "ComplainantEquality_caseId_idx" ON "ComplainantEquality"("caseId");

-- CreateIndex
CREATE INDEX "CaseSubject_personId_idx" ON "CaseSubject"("personId");

-- CreateIndex
CREATE INDEX "CaseSubject_team_idx" ON "CaseSubject"("team");

-- CreateIndex
CREATE UNIQUE INDEX "CaseSubject_caseId_seq_key" ON "CaseSubject"("caseId", "seq");

-- CreateIndex
CREATE INDEX "Schedule3Reason_reason_recordedAt_idx" ON "Schedule3Reason"("reason", "recordedAt");

-- CreateIndex
CREATE INDEX "SuspensionPeriod_caseId_startedAt_idx" ON "SuspensionPeriod"("caseId", "startedAt");

-- CreateIndex
CREATE INDEX "ComplaintReview_body_appliedOn_idx" ON "ComplaintReview"("body", "appliedOn");

-- CreateIndex
CREATE UNIQUE INDEX "ComplaintReview_caseId_n_key" ON "ComplaintReview"("caseId", "n");

-- AddForeignKey
ALTER TABLE "AllegationOutcome" ADD CONSTRAINT "AllegationOutcome_allegationId_fkey" FOREIGN KEY ("allegationId") REFERENCES "Allegation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Complainant" ADD CONSTRAINT "Complainant_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ComplainantEquality" ADD CONSTRAINT "ComplainantEquality_complainantId_fkey" FOREIGN KEY ("complainantId") REFERENCES "Complainant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseSubject" ADD CONSTRAINT "CaseSubject_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Schedule3Reason" ADD CONSTRAINT "Schedule3Reason_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SuspensionPeriod" ADD CONSTRAINT "SuspensionPeriod_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ComplaintReview" ADD CONSTRAINT "ComplaintReview_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Data: conduct matters' allegations are the standards allegedly breached, not IOPC codes.
UPDATE "Allegation" a SET "codeListVersion" = 'standards-of-professional-behaviour'
  FROM "Case" c WHERE c."id" = a."caseId" AND c."kind" = 'conduct';

-- Data: complaints coded with Probity's first slugs, recoded into the IOPC list (the same table as
-- LEGACY_PROBITY_CATEGORIES in shared/src/domain/allegation-codes.ts).
UPDATE "Allegation" a SET "category" = m.category, "subCategory" = m.sub_category
  FROM (VALUES
  ('delivery-of-duties', 'delivery-of-duties-and-service', 'general-level-of-service'),
  ('police-powers', 'police-powers-policies-and-procedures', 'other-policies-and-procedures'),
  ('use-of-force', 'police-powers-policies-and-procedures', 'use-of-force'),
  ('detention-in-custody', 'police-powers-policies-and-procedures', 'detention-in-police-custody'),
  ('handling-of-or-damage-to-property', 'handling-of-or-damage-to-property-or-premises', 'handling-of-or-damage-to-property-or-premises'),
  ('use-of-police-vehicles', 'use-of-police-vehicles', 'use-of-police-vehicles'),
  ('access-and-or-disclosure-of-information', 'access-to-or-disclosure-of-information', 'access-to-or-disclosure-of-information'),
  ('individual-behaviour', 'individual-behaviours', 'unprofessional-attitude-and-disrespect'),
  ('discrimination', 'discriminatory-behaviour', 'other-discrimination'),
  ('sexual-conduct', 'sexual-conduct', 'other-sexual-conduct'),
  ('abuse-of-position-for-sexual-purpose', 'abuse-of-position-or-corruption', 'abuse-of-position-for-sexual-purpose'),
  ('abuse-of-position-for-emotional-relationship', 'abuse-of-position-or-corruption', 'abuse-of-position-for-emotional-relationship'),
  ('abuse-of-position-for-financial-purpose', 'abuse-of-position-or-corruption', 'abuse-of-position-for-financial-purpose'),
  ('other-abuse-of-position-or-corruption', 'abuse-of-position-or-corruption', 'other-abuse-of-position-or-corruption'),
  ('serious-corruption', 'abuse-of-position-or-corruption', 'other-abuse-of-position-or-corruption'),
  ('serious-assault', 'police-powers-policies-and-procedures', 'use-of-force'),
  ('serious-sexual-offence', 'sexual-conduct', 'sexual-assault'),
  ('death-or-serious-injury', 'other', 'other'),
  ('criminal-offence', 'other', 'other'),
  ('discreditable-conduct', 'discreditable-conduct', 'discreditable-conduct'),
  ('other', 'other', 'other')
  ) AS m(slug, category, sub_category), "Case" c
  WHERE a."category" = m.slug AND c."id" = a."caseId" AND c."kind" = 'complaint';

-- Data: a complaint recorded under Schedule 3 before this record existed was logged there when it was assessed.
UPDATE "Case" c SET "schedule3At" = COALESCE(
    (SELECT min(st."leftAt") FROM "StageTiming" st WHERE st."caseId" = c."id" AND st."stage" = 'assessment'), c."loggedAt")
  WHERE c."kind" = 'complaint' AND c."handling" = 'schedule-3' AND c."schedule3At" IS NULL;
