-- The London calendar date of each instant the statistics count working days between (DOMAIN.md
-- "Working days"), kept beside it so a statistics answer reads dates instead of converting every
-- row's timestamp to Europe/London (BENCHMARKS.md, statistics at 100,000 cases). Dates, not working
-- day numbers: a bank holiday declared later changes no stored value, the working days are still
-- counted at query time from the calendar (services/casework/src/statistics/working-days-sql.ts).
-- A trigger fills them on every insert and update, so no writer (Prisma, the bench's or a test's
-- raw SQL, a one-off repair) can leave one stale. Written by hand (see README "Database migrations").

-- The London date of a UTC timestamp (the columns are timestamps without a zone, in UTC).
CREATE FUNCTION "probity_london_date"(t TIMESTAMP(3)) RETURNS DATE LANGUAGE sql STABLE AS
$$ SELECT ((t AT TIME ZONE 'UTC') AT TIME ZONE 'Europe/London')::date $$;

ALTER TABLE "Case" ADD COLUMN "receivedOn" DATE, ADD COLUMN "loggedOn" DATE, ADD COLUMN "firstContactOn" DATE,
  ADD COLUMN "schedule3On" DATE, ADD COLUMN "finalisedOn" DATE;
ALTER TABLE "StageTiming" ADD COLUMN "enteredOn" DATE, ADD COLUMN "leftOn" DATE;
ALTER TABLE "Task" ADD COLUMN "createdOn" DATE, ADD COLUMN "completedOn" DATE;

CREATE FUNCTION "probity_case_london_dates"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."receivedOn" := "probity_london_date"(NEW."receivedAt");
  NEW."loggedOn" := "probity_london_date"(NEW."loggedAt");
  NEW."firstContactOn" := "probity_london_date"(NEW."firstContactAt");
  NEW."schedule3On" := "probity_london_date"(NEW."schedule3At");
  NEW."finalisedOn" := "probity_london_date"(NEW."finalisedAt");
  RETURN NEW;
END $$;
CREATE FUNCTION "probity_stage_timing_london_dates"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."enteredOn" := "probity_london_date"(NEW."enteredAt");
  NEW."leftOn" := "probity_london_date"(NEW."leftAt");
  RETURN NEW;
END $$;
CREATE FUNCTION "probity_task_london_dates"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."createdOn" := "probity_london_date"(NEW."createdAt");
  NEW."completedOn" := "probity_london_date"(NEW."completedAt");
  RETURN NEW;
END $$;

-- The rows already written (a BEFORE UPDATE trigger would do it too; this is one statement each).
UPDATE "Case" SET "receivedOn" = "probity_london_date"("receivedAt"), "loggedOn" = "probity_london_date"("loggedAt"),
  "firstContactOn" = "probity_london_date"("firstContactAt"), "schedule3On" = "probity_london_date"("schedule3At"),
  "finalisedOn" = "probity_london_date"("finalisedAt");
UPDATE "StageTiming" SET "enteredOn" = "probity_london_date"("enteredAt"), "leftOn" = "probity_london_date"("leftAt");
UPDATE "Task" SET "createdOn" = "probity_london_date"("createdAt"), "completedOn" = "probity_london_date"("completedAt");

CREATE TRIGGER "Case_london_dates" BEFORE INSERT OR UPDATE ON "Case" FOR EACH ROW EXECUTE FUNCTION "probity_case_london_dates"();
CREATE TRIGGER "StageTiming_london_dates" BEFORE INSERT OR UPDATE ON "StageTiming" FOR EACH ROW EXECUTE FUNCTION "probity_stage_timing_london_dates"();
CREATE TRIGGER "Task_london_dates" BEFORE INSERT OR UPDATE ON "Task" FOR EACH ROW EXECUTE FUNCTION "probity_task_london_dates"();
