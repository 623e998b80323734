-- CreateEnum
CREATE TYPE "FsrsFitOutcome" AS ENUM ('fitted', 'kept', 'insufficient', 'failed');

-- CreateTable
CREATE TABLE "fsrs_parameter_sets" (
    "id" UUID NOT NULL,
    "user_id" UUID,
    "group_id" UUID,
    "parameters" DOUBLE PRECISION[],
    "reviews_used" INTEGER NOT NULL,
    "log_loss_before" DOUBLE PRECISION NOT NULL,
    "rmse_before" DOUBLE PRECISION NOT NULL,
    "log_loss_after" DOUBLE PRECISION NOT NULL,
    "rmse_after" DOUBLE PRECISION NOT NULL,
    "optimizer_version" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "fsrs_parameter_sets_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "fsrs_fit_runs" (
    "id" BIGSERIAL NOT NULL,
    "user_id" UUID,
    "group_id" UUID,
    "outcome" "FsrsFitOutcome" NOT NULL,
    "trigger" TEXT NOT NULL,
    "reviews" INTEGER NOT NULL,
    "study_days" INTEGER NOT NULL,
    "log_loss_before" DOUBLE PRECISION,
    "log_loss_after" DOUBLE PRECISION,
    "rmse_before" DOUBLE PRECISION,
    "rmse_after" DOUBLE PRECISION,
    "message" TEXT NOT NULL,
    "duration_ms" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "fsrs_fit_runs_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "fsrs_parameter_sets_user_id_created_at_idx" ON "fsrs_parameter_sets"("user_id", "created_at");

-- CreateIndex
CREATE INDEX "fsrs_parameter_sets_group_id_created_at_idx" ON "fsrs_parameter_sets"("group_id", "created_at");

-- CreateIndex
CREATE INDEX "fsrs_fit_runs_user_id_created_at_idx" ON "fsrs_fit_runs"("user_id", "created_at");

-- CreateIndex
CREATE INDEX "fsrs_fit_runs_group_id_created_at_idx" ON "fsrs_fit_runs"("group_id", "created_at");

-- AddForeignKey
ALTER TABLE "fsrs_parameter_sets" ADD CONSTRAINT "fsrs_parameter_sets_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "fsrs_parameter_sets" ADD CONSTRAINT "fsrs_parameter_sets_group_id_fkey" FOREIGN KEY ("group_id") REFERENCES "groups"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "fsrs_fit_runs" ADD CONSTRAINT "fsrs_fit_runs_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "fsrs_fit_runs" ADD CONSTRAINT "fsrs_fit_runs_group_id_fkey" FOREIGN KEY ("group_id") REFERENCES "groups"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A set or a run belongs to one learner or one group, never both or neither.
ALTER TABLE "fsrs_parameter_sets" ADD CONSTRAINT "fsrs_parameter_sets_owner" CHECK (num_nonnulls("user_id", "group_id") = 1);
ALTER TABLE "fsrs_parameter_sets" ADD CONSTRAINT "fsrs_parameter_sets_length" CHECK (cardinality("parameters") = 21);
ALTER TABLE "fsrs_fit_runs" ADD CONSTRAINT "fsrs_fit_runs_owner" CHECK (num_nonnulls("user_id", "group_id") = 1);

-- The parameters the scheduler uses for a learner: their own newest set, else the newest set of one
-- of their groups, else null (ts-fsrs's defaults).
CREATE FUNCTION effective_fsrs_parameters(p_user uuid) RETURNS double precision[] LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN coalesce(
    (SELECT parameters FROM fsrs_parameter_sets WHERE user_id = p_user ORDER BY created_at DESC LIMIT 1),
    (SELECT s.parameters FROM memberships m JOIN fsrs_parameter_sets s ON s.group_id = m.group_id
      WHERE m.user_id = p_user ORDER BY s.created_at DESC LIMIT 1));
END $$;

-- A new set applies from the next review: the learners it concerns read their state afresh.
CREATE FUNCTION bump_study_versions_fsrs() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO study_versions (user_id, version)
  SELECT DISTINCT u, 1 FROM (
    SELECT user_id AS u FROM changed WHERE user_id IS NOT NULL
    UNION SELECT m.user_id FROM changed c JOIN memberships m ON m.group_id = c.group_id
  ) x ORDER BY u
  ON CONFLICT (user_id) DO UPDATE SET version = study_versions.version + 1;
  RETURN NULL;
END $$;

CREATE TRIGGER study_versions_fsrs_insert AFTER INSERT ON "fsrs_parameter_sets" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION bump_study_versions_fsrs();
CREATE TRIGGER study_versions_fsrs_delete AFTER DELETE ON "fsrs_parameter_sets" REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION bump_study_versions_fsrs();
