-- Subscriber counters per publication, in shards (see docs/adr/0006-stats-rollups.md).
--
-- Every confirmation, subscription and unsubscribe of a publication added to the same few rows
-- (its day, its status, its source) and held their locks until commit: a publication's sign-ups
-- were serialised on one row, one commit after another. Each database session now adds to its own
-- shard (its backend's pid modulo 64); a count is the sum of a publication's shards. The rebuild
-- writes shard 0, so the rollups and stats_rebuild() still agree as sums.

ALTER TABLE stats_publication_day ADD COLUMN shard SMALLINT NOT NULL DEFAULT 0,
    DROP CONSTRAINT stats_publication_day_pkey, ADD PRIMARY KEY (publication_id, day, shard);
ALTER TABLE stats_publication_status ADD COLUMN shard SMALLINT NOT NULL DEFAULT 0,
    DROP CONSTRAINT stats_publication_status_pkey, ADD PRIMARY KEY (publication_id, status, shard);
ALTER TABLE stats_publication_source ADD COLUMN shard SMALLINT NOT NULL DEFAULT 0,
    DROP CONSTRAINT stats_publication_source_pkey, ADD PRIMARY KEY (publication_id, source, shard);

-- The shard this session adds to.
CREATE FUNCTION stats_shard() RETURNS smallint LANGUAGE sql STABLE AS $$
    SELECT (pg_backend_pid() % 64)::smallint
$$;

-- One subscriber row's contribution to the counters, signed (+1 new, -1 old).
CREATE TYPE stats_subscriber_change AS (
    sign bigint, publication_id bigint, status varchar, created_at timestamptz, confirmed_at timestamptz,
    unsubscribed_at timestamptz);

-- Adds what the changed rows contribute to this session's shard of the counters. PL/pgSQL with
-- static SQL, so that each session plans it once: the trigger formerly built it with EXECUTE
-- format(), planned afresh for every statement (about 0.9 ms of each confirmation).
CREATE FUNCTION stats_count_subscribers(changes stats_subscriber_change[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    WITH c AS MATERIALIZED (SELECT * FROM unnest(changes)),
    days AS (
        INSERT INTO stats_publication_day AS p (publication_id, day, shard, new, confirmed, unsubscribed)
        SELECT x.publication_id, x.day, stats_shard(), sum(x.new), sum(x.confirmed), sum(x.unsubscribed)
          FROM (SELECT publication_id, (created_at AT TIME ZONE 'UTC')::date AS day, sign AS new, 0 AS confirmed,
                       0 AS unsubscribed FROM c
                UNION ALL
                SELECT publication_id, (confirmed_at AT TIME ZONE 'UTC')::date, 0, sign, 0 FROM c
                 WHERE confirmed_at IS NOT NULL
                UNION ALL
                SELECT publication_id, (unsubscribed_at AT TIME ZONE 'UTC')::date, 0, 0, sign FROM c
                 WHERE status = 'unsubscribed' AND unsubscribed_at IS NOT NULL) x
          JOIN publication pub ON pub.id = x.publication_id
         GROUP BY 1, 2 HAVING sum(x.new) <> 0 OR sum(x.confirmed) <> 0 OR sum(x.unsubscribed) <> 0
         ORDER BY 1, 2
        ON CONFLICT (publication_id, day, shard) DO UPDATE SET new = p.new + EXCLUDED.new,
            confirmed = p.confirmed + EXCLUDED.confirmed, unsubscribed = p.unsubscribed + EXCLUDED.unsubscribed)
    INSERT INTO stats_publication_status AS p (publication_id, status, shard, subscribers)
    SELECT c.publication_id, c.status, stats_shard(), sum(c.sign) FROM c JOIN publication pub ON pub.id = c.publication_id
     GROUP BY 1, 2 HAVING sum(c.sign) <> 0 ORDER BY 1, 2
    ON CONFLICT (publication_id, status, shard) DO UPDATE SET subscribers = p.subscribers + EXCLUDED.subscribers;
END $$;

-- Subscribers: growth per day, count per status, and unsubscribes attributed to issues.
CREATE OR REPLACE FUNCTION stats_on_subscriber() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE done record;
BEGIN
    -- each transition table is named only where the trigger has it
    IF TG_OP = 'INSERT' THEN
        PERFORM stats_count_subscribers(ARRAY(SELECT ROW(1, publication_id, status, created_at, confirmed_at,
            unsubscribed_at)::stats_subscriber_change FROM new_rows));
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM stats_count_subscribers(ARRAY(
            SELECT ROW(1, publication_id, status, created_at, confirmed_at, unsubscribed_at)::stats_subscriber_change
              FROM new_rows
            UNION ALL
            SELECT ROW(-1, publication_id, status, created_at, confirmed_at, unsubscribed_at)::stats_subscriber_change
              FROM old_rows));
        -- an unsubscribed row's attribution is taken back, and made again for the rows unsubscribed now
        -- (only a statement that touches an unsubscribed row has any: a confirmation skips this)
        IF EXISTS (SELECT 1 FROM old_rows WHERE status = 'unsubscribed')
                OR EXISTS (SELECT 1 FROM new_rows WHERE status = 'unsubscribed') THEN
            WITH old AS (UPDATE stats_subscriber m SET unsubscribed_issue_id = NULL
                           FROM (SELECT m.subscriber_id, m.unsubscribed_issue_id FROM stats_subscriber m
                                   JOIN old_rows o ON o.id = m.subscriber_id
                                  WHERE o.status = 'unsubscribed' AND m.unsubscribed_issue_id IS NOT NULL) x
                          WHERE m.subscriber_id = x.subscriber_id
                         RETURNING x.unsubscribed_issue_id AS issue_id)
            SELECT stats_apply_issue((SELECT array_agg(stats_issue_delta(issue_id, 'unsubscribes', -n))
                                        FROM (SELECT issue_id, count(*) AS n FROM old GROUP BY 1) x)) INTO done;
            WITH attributed AS (
                SELECT n.id, n.publication_id, stats_unsubscribe_issue(n.publication_id, n.id, n.unsubscribed_at) AS issue_id
                  FROM new_rows n WHERE n.status = 'unsubscribed'),
            marked AS (INSERT INTO stats_subscriber AS m (subscriber_id, publication_id, unsubscribed_issue_id)
                       SELECT id, publication_id, issue_id FROM attributed WHERE issue_id IS NOT NULL ORDER BY id
                       ON CONFLICT (subscriber_id) DO UPDATE SET unsubscribed_issue_id = EXCLUDED.unsubscribed_issue_id
                       RETURNING m.unsubscribed_issue_id AS issue_id)
            SELECT stats_apply_issue((SELECT array_agg(stats_issue_delta(issue_id, 'unsubscribes', n))
                                        FROM (SELECT issue_id, count(*) AS n FROM marked GROUP BY 1) x)) INTO done;
        END IF;
    ELSE
        PERFORM stats_count_subscribers(ARRAY(SELECT ROW(-1, publication_id, status, created_at, confirmed_at,
            unsubscribed_at)::stats_subscriber_change FROM old_rows));
        -- a subscriber gone takes back their source and their unsubscribe
        WITH gone AS (DELETE FROM stats_subscriber m USING old_rows o WHERE m.subscriber_id = o.id
                      RETURNING m.publication_id, m.source, m.unsubscribed_issue_id),
        sources AS (INSERT INTO stats_publication_source AS p (publication_id, source, shard, subscribers)
                    SELECT g.publication_id, g.source, stats_shard(), -count(*) FROM gone g
                      JOIN publication pub ON pub.id = g.publication_id
                     WHERE g.source IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2
                    ON CONFLICT (publication_id, source, shard) DO UPDATE SET subscribers = p.subscribers + EXCLUDED.subscribers)
        SELECT stats_apply_issue((SELECT array_agg(stats_issue_delta(unsubscribed_issue_id, 'unsubscribes', -n))
                                    FROM (SELECT unsubscribed_issue_id, count(*) AS n FROM gone
                                           WHERE unsubscribed_issue_id IS NOT NULL GROUP BY 1) x)) INTO done;
    END IF;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION stats_on_consent() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    WITH firsts AS (
        SELECT DISTINCT ON (n.subscriber_id) n.subscriber_id, s.publication_id, n.source
          FROM new_rows n JOIN subscriber s ON s.id = n.subscriber_id ORDER BY n.subscriber_id, n.id),
    marked AS (
        INSERT INTO stats_subscriber AS m (subscriber_id, publication_id, source)
        SELECT subscriber_id, publication_id, source FROM firsts ORDER BY subscriber_id
        ON CONFLICT (subscriber_id) DO UPDATE SET source = EXCLUDED.source WHERE m.source IS NULL
        RETURNING m.publication_id, m.source)
    INSERT INTO stats_publication_source AS p (publication_id, source, shard, subscribers)
    SELECT publication_id, source, stats_shard(), count(*) FROM marked GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (publication_id, source, shard) DO UPDATE SET subscribers = p.subscribers + EXCLUDED.subscribers;
    RETURN NULL;
END $$;
