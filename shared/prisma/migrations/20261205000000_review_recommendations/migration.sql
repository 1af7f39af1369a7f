-- The review body's recommendations gain a kind (shared/src/domain/review-body.ts): a list of
-- {kind, detail}. Written by hand (see README "Database migrations"). Text recommendations
-- recorded before keep their words, as kind 'other' — the same reading the workflow gives them.

-- AlterTable
ALTER TABLE "ComplaintReview" ADD COLUMN "recommendationList" JSONB NOT NULL DEFAULT '[]';

UPDATE "ComplaintReview" r
SET "recommendationList" = (
    SELECT COALESCE(jsonb_agg(jsonb_build_object('kind', 'other', 'detail', t.detail) ORDER BY t.n), '[]'::jsonb)
    FROM unnest(r."recommendations") WITH ORDINALITY AS t(detail, n)
)
WHERE cardinality(r."recommendations") > 0;

ALTER TABLE "ComplaintReview" DROP COLUMN "recommendations";
ALTER TABLE "ComplaintReview" RENAME COLUMN "recommendationList" TO "recommendations";
