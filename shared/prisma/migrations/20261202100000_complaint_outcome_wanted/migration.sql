-- AlterTable
ALTER TABLE "Case" ADD COLUMN "outcomeWanted" TEXT;
