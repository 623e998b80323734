-- CreateEnum
CREATE TYPE "ImportStatus" AS ENUM ('queued', 'running', 'done', 'failed', 'interrupted');

-- AlterTable
ALTER TABLE "import_runs" ADD COLUMN     "error" TEXT,
ADD COLUMN     "files_done" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "files_total" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "finished_at" TIMESTAMPTZ(3),
ADD COLUMN     "heartbeat_at" TIMESTAMPTZ(3),
ADD COLUMN     "owner" TEXT,
ADD COLUMN     "stage" TEXT,
ADD COLUMN     "status" "ImportStatus" NOT NULL DEFAULT 'done',
ALTER COLUMN "result" SET DEFAULT '{}';

-- CreateIndex
CREATE INDEX "import_runs_status_idx" ON "import_runs"("status");
