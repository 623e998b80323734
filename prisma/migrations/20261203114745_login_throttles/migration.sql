/*
  Warnings:

  - You are about to drop the `login_failures` table. If the table is not empty, all the data it contains will be lost.

*/
-- DropTable
DROP TABLE "login_failures";

-- CreateTable
CREATE TABLE "login_throttles" (
    "key" TEXT NOT NULL,
    "failures" INTEGER NOT NULL,
    "locked_until" TIMESTAMPTZ(3),
    "last_failure_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "login_throttles_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "login_throttles_last_failure_at_idx" ON "login_throttles"("last_failure_at");

-- Usernames are looked up and kept unique without regard to case (app/auth/accounts.server.ts).
-- Not unique here: databases made before may hold names differing only in case.
CREATE INDEX "users_username_lower_idx" ON "users"(lower("username"));
