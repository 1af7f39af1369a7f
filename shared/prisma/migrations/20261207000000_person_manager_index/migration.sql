-- Every portal page asks whether its reader manages anyone (the staff menu's early-intervention
-- item, the flag readers' check: early-intervention/flag-queries.ts maySeeFlags), and the flags
-- and notifications look people up by their manager: without this each asked scanned the register.
-- Written by hand (see README "Database migrations").
CREATE INDEX "Person_managerId_idx" ON "Person"("managerId");
