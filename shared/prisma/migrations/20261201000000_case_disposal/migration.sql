-- §10.1: when a closed case's personal data was disposed of (by the daily retention sweep, or by
-- a case workflow from before the sweep, which slept through retention itself).
ALTER TABLE "Case" ADD COLUMN "disposedAt" TIMESTAMP(3);

-- The sweep reads the closed cases still holding personal data, oldest first.
CREATE INDEX "Case_disposedAt_closedAt_idx" ON "Case"("disposedAt", "closedAt");
