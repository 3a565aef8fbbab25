-- Every instance keeps the public pages (web versions, publication pages, feeds) it rendered, and
-- forgets a publication's pages when anything they show changes. The database says so itself, on
-- commit, to every instance listening on the channel 'gazette_public' (see issue/PublicChanges),
-- whichever code path made the change: the payload is the publication's id, or '*' when a
-- publication changed (its name also shows on the other publications' pages).

CREATE FUNCTION gazette_public_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    changed RECORD;
    publication BIGINT;
BEGIN
    changed := CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    IF TG_TABLE_NAME = 'publication' THEN
        PERFORM pg_notify('gazette_public', '*');
        RETURN NULL;
    ELSIF TG_TABLE_NAME = 'issue_like' THEN
        SELECT i.publication_id INTO publication FROM issue i WHERE i.id = changed.issue_id;
    ELSIF TG_TABLE_NAME = 'issue' THEN
        publication := changed.publication_id;
    ELSE -- comment
        publication := changed.publication_id;
    END IF;
    IF publication IS NOT NULL THEN
        PERFORM pg_notify('gazette_public', publication::text);
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER publication_public_changed AFTER INSERT OR UPDATE OR DELETE ON publication
    FOR EACH ROW EXECUTE FUNCTION gazette_public_changed();

-- a view only moves the count, which the pages refresh on their own every few seconds
CREATE TRIGGER issue_public_changed AFTER UPDATE ON issue
    FOR EACH ROW WHEN ((to_jsonb(OLD) - 'view_count') IS DISTINCT FROM (to_jsonb(NEW) - 'view_count'))
    EXECUTE FUNCTION gazette_public_changed();

CREATE TRIGGER issue_public_added AFTER INSERT OR DELETE ON issue
    FOR EACH ROW EXECUTE FUNCTION gazette_public_changed();

CREATE TRIGGER comment_public_changed AFTER INSERT OR UPDATE OR DELETE ON comment
    FOR EACH ROW EXECUTE FUNCTION gazette_public_changed();

CREATE TRIGGER issue_like_public_changed AFTER INSERT OR DELETE ON issue_like
    FOR EACH ROW EXECUTE FUNCTION gazette_public_changed();
