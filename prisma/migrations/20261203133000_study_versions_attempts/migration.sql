-- A quiz that starts or ends changes what the learner's daily session may show (a running quiz's
-- knowledge points are left out of it, since the session reveals answers): bump the learner's
-- study version so that a daily-session state kept in memory is read afresh.
CREATE TRIGGER study_versions_attempts_insert AFTER INSERT ON "attempts" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION bump_study_versions();
CREATE TRIGGER study_versions_attempts_update AFTER UPDATE ON "attempts" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION bump_study_versions();
