-- Lessons learnt at a case's finalisation, listed for the workforce by theme. Written by hand
-- (see README "Database migrations").

-- CreateTable
CREATE TABLE "Lesson" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "ref" TEXT NOT NULL,
    "theme" TEXT NOT NULL,
    "lesson" TEXT NOT NULL,
    "recordedById" TEXT NOT NULL,
    "recordedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Lesson_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Lesson_theme_recordedAt_idx" ON "Lesson"("theme", "recordedAt");

-- CreateIndex
CREATE INDEX "Lesson_caseId_idx" ON "Lesson"("caseId");
