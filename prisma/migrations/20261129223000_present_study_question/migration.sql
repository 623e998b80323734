-- The learner's open daily-session showing: unanswered, issued in (p_since, p_until], its question
-- still approved and its knowledge point not retired. The one definition the app and
-- present_study_question share.
CREATE FUNCTION open_study_token(p_user uuid, p_since timestamptz, p_until timestamptz) RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT p.token
    FROM presentations p
    JOIN questions q ON q.id = p.question_id AND q.status = 'approved'
    JOIN knowledge_points kp ON kp.id = q.knowledge_point_id AND kp.retired_at IS NULL
   WHERE p.user_id = p_user AND p.mode = 'study' AND p.answered_at IS NULL
     AND p.issued_at >= p_since AND p.issued_at <= p_until
   ORDER BY p.issued_at DESC
   LIMIT 1
$$;

-- Shows a daily-session question unless the learner already has an open showing, under the same
-- per-learner advisory lock as practice and quizzes. A plpgsql function because each of its
-- statements takes a fresh snapshot after the lock is held (a single SQL statement would look with
-- a snapshot from before it waited), and because it is one round trip instead of a transaction's
-- five. Returns the token of the learner's open showing: p_token when this call recorded it.
CREATE FUNCTION present_study_question(
  p_user uuid, p_token text, p_question uuid, p_knowledge_point uuid, p_options text[],
  p_issued_at timestamptz, p_open_since timestamptz
) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  open_token text;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtextextended('showing:' || p_user::text, 0));
  open_token := open_study_token(p_user, p_open_since, p_issued_at);
  IF open_token IS NOT NULL THEN
    RETURN open_token;
  END IF;
  INSERT INTO presentations (token, user_id, question_id, knowledge_point_id, mode, options, issued_at)
  VALUES (p_token, p_user, p_question, p_knowledge_point, 'study', p_options, p_issued_at);
  RETURN p_token;
END $$;
