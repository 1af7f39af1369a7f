-- A published hearing outcome withdrawn before its period ended (DOMAIN.md "Publication"; the
-- publication workflow's withdrawEarly update): why, in words without personal data, and by whom.
-- Written by hand (see README "Database migrations").
ALTER TABLE "Publication" ADD COLUMN "withdrawnBecause" TEXT, ADD COLUMN "withdrawnById" TEXT;
