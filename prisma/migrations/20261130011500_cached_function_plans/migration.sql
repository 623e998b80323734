-- The same functions in PL/pgSQL: a SQL-language function that cannot be inlined plans its body
-- on every call, and these run on every question (planning the open-showing join cost more than
-- running it). PL/pgSQL keeps each statement's plan for the session's connection.
CREATE OR REPLACE FUNCTION open_study_token(p_user uuid, p_since timestamptz, p_until timestamptz) RETURNS text
LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN (
    SELECT p.token
      FROM presentations p
      JOIN questions q ON q.id = p.question_id AND q.status = 'approved'
      JOIN knowledge_points kp ON kp.id = q.knowledge_point_id AND kp.retired_at IS NULL
     WHERE p.user_id = p_user AND p.mode = 'study' AND p.answered_at IS NULL
       AND p.issued_at >= p_since AND p.issued_at <= p_until
     ORDER BY p.issued_at DESC
     LIMIT 1);
END $$;

CREATE OR REPLACE FUNCTION study_versions_match(p_user uuid, p_study_version bigint, p_pool_version bigint) RETURNS boolean
LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN coalesce((SELECT version FROM study_versions WHERE user_id = p_user), 0) = p_study_version
     AND (SELECT version FROM pool_version WHERE id = 1) = p_pool_version;
END $$;
