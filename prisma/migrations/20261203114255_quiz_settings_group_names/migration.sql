-- Quiz settings: how many questions a quiz draws, per set and per assignment (null: default).
ALTER TABLE "assignments" ADD COLUMN     "question_count" INTEGER;
ALTER TABLE "question_sets" ADD COLUMN     "quiz_question_count" INTEGER;

-- Group names unique in the installation (one organisation): compared NFKC-normalized, trimmed,
-- inner white space collapsed, case-insensitively, so 一支部 / 一支部␠ / ＡＢＣ / abc are one name.
ALTER TABLE "groups" ADD COLUMN     "name_key" TEXT;

CREATE FUNCTION group_name_key(name text) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT
  AS $$ SELECT lower(regexp_replace(btrim(normalize(name, NFKC)), '\s+', ' ', 'g')) $$;

-- Existing duplicates keep their history: later ones get a numbered name (一支部（2）).
WITH numbered AS (
  SELECT id, name, row_number() OVER (PARTITION BY group_name_key(name) ORDER BY created_at, id) AS n
    FROM "groups"
)
UPDATE "groups" g SET name = numbered.name || '（' || numbered.n || '）'
  FROM numbered WHERE numbered.id = g.id AND numbered.n > 1;

UPDATE "groups" SET name_key = group_name_key(name);

-- The key follows the name whatever writes it (admin page, CSV import, demo seed).
CREATE FUNCTION groups_set_name_key() RETURNS trigger
  LANGUAGE plpgsql
  AS $$ BEGIN NEW.name_key := group_name_key(NEW.name); RETURN NEW; END $$;

CREATE TRIGGER groups_name_key BEFORE INSERT OR UPDATE OF name ON "groups"
  FOR EACH ROW EXECUTE FUNCTION groups_set_name_key();

CREATE UNIQUE INDEX "groups_name_key_key" ON "groups"("name_key");
