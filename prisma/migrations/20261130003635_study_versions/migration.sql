-- CreateTable
CREATE TABLE "study_versions" (
    "user_id" UUID NOT NULL,
    "version" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "study_versions_pkey" PRIMARY KEY ("user_id")
);

-- Hand-written below: Prisma's schema language has no triggers or functions.

-- A statement touching any learner's cards or memberships bumps each of those learners once.
-- Statement-level with transition tables: a bulk change (an import, a seed) costs one upsert per
-- learner, not one per row. Every trigger below names its transition table "changed".
CREATE FUNCTION bump_study_versions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO study_versions (user_id, version)
  SELECT DISTINCT user_id, 1 FROM changed
  ON CONFLICT (user_id) DO UPDATE SET version = study_versions.version + 1;
  RETURN NULL;
END $$;

CREATE TRIGGER study_versions_cards_insert AFTER INSERT ON "cards" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION bump_study_versions();
CREATE TRIGGER study_versions_cards_update AFTER UPDATE ON "cards" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION bump_study_versions();
CREATE TRIGGER study_versions_cards_delete AFTER DELETE ON "cards" REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION bump_study_versions();
CREATE TRIGGER study_versions_memberships_insert AFTER INSERT ON "memberships" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION bump_study_versions();
CREATE TRIGGER study_versions_memberships_update AFTER UPDATE ON "memberships" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION bump_study_versions();
CREATE TRIGGER study_versions_memberships_delete AFTER DELETE ON "memberships" REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION bump_study_versions();

CREATE FUNCTION bump_user_study_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO study_versions (user_id, version) VALUES (NEW.id, 1)
  ON CONFLICT (user_id) DO UPDATE SET version = study_versions.version + 1;
  RETURN NULL;
END $$;

CREATE TRIGGER study_versions_user_settings AFTER UPDATE OF daily_new_limit, desired_retention, time_zone ON "users"
  FOR EACH ROW
  WHEN (OLD.daily_new_limit IS DISTINCT FROM NEW.daily_new_limit OR OLD.desired_retention IS DISTINCT FROM NEW.desired_retention
        OR OLD.time_zone IS DISTINCT FROM NEW.time_zone)
  EXECUTE FUNCTION bump_user_study_version();

-- What a cache is checked against: the learner's study version and the pool's version, as one
-- call reads them (0 for a learner nothing has bumped yet).
CREATE FUNCTION study_versions_match(p_user uuid, p_study_version bigint, p_pool_version bigint) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT coalesce((SELECT version FROM study_versions WHERE user_id = p_user), 0) = p_study_version
     AND (SELECT version FROM pool_version WHERE id = 1) = p_pool_version
$$;

-- As before, and when the caller chose the question from a learner's state kept in memory, it
-- passes the versions that state was read at: a learner or pool changed since makes it return
-- NULL, recording nothing, and the caller reads the state afresh.
DROP FUNCTION present_study_question(uuid, text, uuid, uuid, text[], timestamptz, timestamptz);
CREATE FUNCTION present_study_question(
  p_user uuid, p_token text, p_question uuid, p_knowledge_point uuid, p_options text[],
  p_issued_at timestamptz, p_open_since timestamptz, p_study_version bigint, p_pool_version bigint
) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  open_token text;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtextextended('showing:' || p_user::text, 0));
  IF p_study_version IS NOT NULL AND NOT study_versions_match(p_user, p_study_version, p_pool_version) THEN
    RETURN NULL;
  END IF;
  open_token := open_study_token(p_user, p_open_since, p_issued_at);
  IF open_token IS NOT NULL THEN
    RETURN open_token;
  END IF;
  INSERT INTO presentations (token, user_id, question_id, knowledge_point_id, mode, options, issued_at)
  VALUES (p_token, p_user, p_question, p_knowledge_point, 'study', p_options, p_issued_at);
  RETURN p_token;
END $$;
