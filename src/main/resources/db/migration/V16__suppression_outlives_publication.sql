-- A publication's suppressions outlive it: each also names the writer's account and the
-- publication's slug, and a publication made again by the same writer under the same slug takes
-- them back, so it never mails those who unsubscribed or erased their data (an old export
-- imported into it included). Platform-wide ones (hard bounces, complaints) name no writer.
ALTER TABLE suppression ADD COLUMN owner_id BIGINT REFERENCES account (id) ON DELETE CASCADE;
ALTER TABLE suppression ADD COLUMN publication_slug VARCHAR(40);

UPDATE suppression x SET owner_id = p.owner_id, publication_slug = p.slug
  FROM publication p WHERE p.id = x.publication_id;

-- deleting the publication leaves its suppressions, waiting for it to be made again
ALTER TABLE suppression DROP CONSTRAINT suppression_publication_id_fkey;
ALTER TABLE suppression ADD CONSTRAINT suppression_publication_id_fkey
    FOREIGN KEY (publication_id) REFERENCES publication (id) ON DELETE SET NULL;
ALTER TABLE suppression ADD CONSTRAINT suppression_scope
    CHECK ((owner_id IS NULL) = (publication_slug IS NULL) AND (publication_id IS NULL OR owner_id IS NOT NULL));

DROP INDEX suppression_once_per_scope;
CREATE UNIQUE INDEX suppression_once_per_scope
    ON suppression (COALESCE(owner_id, 0), COALESCE(publication_slug, ''), email_hash);
CREATE INDEX suppression_by_scope ON suppression (owner_id, publication_slug) WHERE owner_id IS NOT NULL;
CREATE INDEX suppression_by_publication ON suppression (publication_id) WHERE publication_id IS NOT NULL;

-- A new publication takes back the suppressions of the writer's earlier one of the same slug.
CREATE FUNCTION suppression_take_back() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE suppression SET publication_id = NEW.id WHERE owner_id = NEW.owner_id AND publication_slug = NEW.slug;
    RETURN NULL;
END $$;

CREATE TRIGGER suppression_take_back AFTER INSERT ON publication
    FOR EACH ROW EXECUTE FUNCTION suppression_take_back();
