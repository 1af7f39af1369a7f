-- Indexes for the IOPC's figures (services/casework/src/statistics/statistics-queries.ts): every
-- figure is a SQL aggregate over a period, so each period column it filters on is indexed.
-- Written by hand (see README "Database migrations").

-- CreateIndex
CREATE INDEX "Case_kind_handlingMode_schedule3At_idx" ON "Case"("kind", "handlingMode", "schedule3At");

-- CreateIndex
CREATE INDEX "ComplaintReview_appliedOn_idx" ON "ComplaintReview"("appliedOn");

-- CreateIndex
CREATE INDEX "ComplaintReview_decidedAt_idx" ON "ComplaintReview"("decidedAt");

-- CreateIndex
CREATE INDEX "StageTiming_leftAt_idx" ON "StageTiming"("leftAt");

-- CreateIndex
CREATE INDEX "Task_completedAt_idx" ON "Task"("completedAt");
