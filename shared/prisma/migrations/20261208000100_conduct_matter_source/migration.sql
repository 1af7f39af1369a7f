-- PSD, acting for the appropriate authority, may raise a conduct matter on any allegation that
-- reaches it; the matter records where the allegation came from (issue 13). Written by hand.
ALTER TABLE "ConductMatter" ADD COLUMN "source" TEXT;
ALTER TABLE "ConductMatter" ADD COLUMN "sourceDetail" TEXT;
