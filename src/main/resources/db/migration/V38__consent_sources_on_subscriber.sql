-- The sources a subscriber's consents were given through (form, import, api), kept on
-- the subscriber, so that a segment's "source" condition costs what a tag condition does instead of
-- a semi-join over every consent of the list (504 ms at a million subscribers, ADR 19). Consents are
-- only ever added (erasure deletes the subscriber with them), so the set only grows.
ALTER TABLE subscriber ADD COLUMN consent_sources TEXT[] NOT NULL DEFAULT '{}';

UPDATE subscriber s SET consent_sources = c.sources
  FROM (SELECT subscriber_id, array_agg(DISTINCT CAST(source AS text) ORDER BY CAST(source AS text)) AS sources
          FROM consent GROUP BY subscriber_id) c
 WHERE c.subscriber_id = s.id;

-- Whole statements at a time (an import adds thousands of consents in one); a subscriber whose row
-- already names the source (the import writes it with the row) is not written again.
CREATE FUNCTION subscriber_consent_sources() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE subscriber s
       SET consent_sources = ARRAY(SELECT DISTINCT u FROM unnest(s.consent_sources || given.sources) u ORDER BY u)
      FROM (SELECT subscriber_id, array_agg(DISTINCT CAST(source AS text)) AS sources FROM new_consents GROUP BY subscriber_id) given
     WHERE s.id = given.subscriber_id AND NOT s.consent_sources @> given.sources;
    RETURN NULL;
END $$;

CREATE TRIGGER consent_sources AFTER INSERT ON consent
    REFERENCING NEW TABLE AS new_consents FOR EACH STATEMENT EXECUTE FUNCTION subscriber_consent_sources();
