-- CreateTable
CREATE TABLE "pool_version" (
    "id" INTEGER NOT NULL,
    "version" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "pool_version_pkey" PRIMARY KEY ("id")
);

-- One row, bumped once per statement that can change what learners study.
INSERT INTO "pool_version" ("id", "version") VALUES (1, 0);

CREATE FUNCTION bump_pool_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "pool_version" SET "version" = "version" + 1 WHERE "id" = 1;
  RETURN NULL;
END $$;

CREATE TRIGGER pool_version_question_sets AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "question_sets" FOR EACH STATEMENT EXECUTE FUNCTION bump_pool_version();
CREATE TRIGGER pool_version_set_items AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "set_items" FOR EACH STATEMENT EXECUTE FUNCTION bump_pool_version();
CREATE TRIGGER pool_version_questions AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "questions" FOR EACH STATEMENT EXECUTE FUNCTION bump_pool_version();
CREATE TRIGGER pool_version_knowledge_points AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "knowledge_points" FOR EACH STATEMENT EXECUTE FUNCTION bump_pool_version();
CREATE TRIGGER pool_version_documents AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "documents" FOR EACH STATEMENT EXECUTE FUNCTION bump_pool_version();
CREATE TRIGGER pool_version_assignments AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "assignments" FOR EACH STATEMENT EXECUTE FUNCTION bump_pool_version();
