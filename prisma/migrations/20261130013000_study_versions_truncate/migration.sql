-- Learners' rows in a fixed order: two bulk statements over overlapping learners then wait for
-- each other instead of deadlocking.
CREATE OR REPLACE FUNCTION bump_study_versions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO study_versions (user_id, version)
  SELECT DISTINCT user_id, 1 FROM changed ORDER BY user_id
  ON CONFLICT (user_id) DO UPDATE SET version = study_versions.version + 1;
  RETURN NULL;
END $$;

-- TRUNCATE has no rows to name: every learner's state is then out of date. (A restore that skips
-- triggers, with session_replication_role = replica, needs the app restarted instead.)
CREATE FUNCTION bump_all_study_versions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO study_versions (user_id, version)
  SELECT id, 1 FROM users ORDER BY id
  ON CONFLICT (user_id) DO UPDATE SET version = study_versions.version + 1;
  RETURN NULL;
END $$;

CREATE TRIGGER study_versions_cards_truncate AFTER TRUNCATE ON "cards" FOR EACH STATEMENT EXECUTE FUNCTION bump_all_study_versions();
CREATE TRIGGER study_versions_memberships_truncate AFTER TRUNCATE ON "memberships" FOR EACH STATEMENT EXECUTE FUNCTION bump_all_study_versions();
