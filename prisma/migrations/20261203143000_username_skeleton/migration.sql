-- Usernames that look alike (ɑdmin, adrnin, Iin beside admin, admin, lin) are refused at sign-up and
-- in bulk imports: a name's skeleton folds what the eye cannot tell apart. Diacritics are dropped
-- (ádmin), capital I and the digit 1 read as l, 0 and 〇 as o, Latin look-alike letters (ɑ ɡ ı ɩ ɪ ǀ ȷ
-- ʀ ø đ ł) as their plain letter, rn as m, vv as w; then lower case. Used by app/auth/accounts.server.ts
-- and app/admin/users.server.ts. Not unique: databases made before may hold look-alikes.
CREATE FUNCTION username_skeleton(name text) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$
    SELECT replace(replace(
             translate(
               lower(translate(regexp_replace(normalize(normalize(name, NFKC), NFD), '[\u0300-\u036f]', '', 'g'), 'I1', 'll')),
               '0〇ɑɡıɩɪǀȷʀøđłħ丨',
               'ooagiiiljrodlhl'),
             'rn', 'm'), 'vv', 'w')
  $$;

CREATE INDEX "users_username_skeleton_idx" ON "users"(username_skeleton("username"));
