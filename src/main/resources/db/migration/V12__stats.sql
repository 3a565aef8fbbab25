-- Statistics: rollups kept up to date by PostgreSQL triggers as the raw rows change, so that a
-- stats request reads a handful of small rows and never recounts deliveries or events
-- (see docs/adr/0006-stats-rollups.md).
--
-- Every rollup is a sum over the raw rows of what each row contributes. The triggers are
-- statement-level, with transition tables: a statement adds what its new rows contribute and
-- takes away what its old rows contributed, aggregated once per statement (the delivery engine
-- writes outcomes in batches of hundreds of rows in one UPDATE). stats_rebuild() recomputes every
-- rollup from the raw rows; the two must agree. Days and hours are UTC.

-- Per issue: the send's outcomes, the readers' events and what they sent back.
CREATE TABLE stats_issue (
    issue_id       BIGINT PRIMARY KEY REFERENCES issue (id) ON DELETE CASCADE,
    publication_id BIGINT NOT NULL REFERENCES publication (id) ON DELETE CASCADE,
    recipients     BIGINT NOT NULL DEFAULT 0,  -- delivery rows (the send's snapshot)
    sent           BIGINT NOT NULL DEFAULT 0,
    failed         BIGINT NOT NULL DEFAULT 0,
    bounced_hard   BIGINT NOT NULL DEFAULT 0,
    bounced_soft   BIGINT NOT NULL DEFAULT 0,
    complaints     BIGINT NOT NULL DEFAULT 0,
    opens          BIGINT NOT NULL DEFAULT 0,  -- human opens (events)
    machine_opens  BIGINT NOT NULL DEFAULT 0,  -- likely machine-made opens (proxies, prefetch)
    unique_opens   BIGINT NOT NULL DEFAULT 0,  -- deliveries with at least one human open
    clicks         BIGINT NOT NULL DEFAULT 0,
    machine_clicks BIGINT NOT NULL DEFAULT 0,
    unique_clicks  BIGINT NOT NULL DEFAULT 0,  -- deliveries with at least one human click
    unsubscribes   BIGINT NOT NULL DEFAULT 0,  -- see stats_unsubscribe_issue
    likes          BIGINT NOT NULL DEFAULT 0,
    comments       BIGINT NOT NULL DEFAULT 0,  -- visible comments
    feedback_good  BIGINT NOT NULL DEFAULT 0,
    feedback_okay  BIGINT NOT NULL DEFAULT 0,
    feedback_bad   BIGINT NOT NULL DEFAULT 0
);

CREATE INDEX stats_issue_by_publication ON stats_issue (publication_id);

-- Per issue and hour: the timeline of the first days, and sending volume per day.
CREATE TABLE stats_issue_hour (
    issue_id      BIGINT      NOT NULL REFERENCES issue (id) ON DELETE CASCADE,
    hour          TIMESTAMPTZ NOT NULL,
    sent          BIGINT      NOT NULL DEFAULT 0,
    opens         BIGINT      NOT NULL DEFAULT 0,
    machine_opens BIGINT      NOT NULL DEFAULT 0,
    unique_opens  BIGINT      NOT NULL DEFAULT 0,  -- first human opens in that hour
    clicks        BIGINT      NOT NULL DEFAULT 0,
    unique_clicks BIGINT      NOT NULL DEFAULT 0,
    PRIMARY KEY (issue_id, hour)
);

CREATE INDEX stats_issue_hour_by_hour ON stats_issue_hour (hour);

-- Per link of an issue: human clicks, and deliveries that clicked it.
CREATE TABLE stats_link (
    link_id       BIGINT PRIMARY KEY REFERENCES issue_link (id) ON DELETE CASCADE,
    issue_id      BIGINT NOT NULL REFERENCES issue (id) ON DELETE CASCADE,
    clicks        BIGINT NOT NULL DEFAULT 0,
    unique_clicks BIGINT NOT NULL DEFAULT 0
);

CREATE INDEX stats_link_by_issue ON stats_link (issue_id);

-- What made a delivery count once: its first human open (link_id 0), first human click (-1), first
-- human click of each link (the link's id). The primary key settles races between concurrent events.
CREATE TABLE stats_touch (
    delivery_id BIGINT NOT NULL REFERENCES delivery (id) ON DELETE CASCADE,
    link_id     BIGINT NOT NULL,
    PRIMARY KEY (delivery_id, link_id)
);

-- Paid tips per issue and currency.
CREATE TABLE stats_issue_tip (
    issue_id BIGINT         NOT NULL REFERENCES issue (id) ON DELETE CASCADE,
    currency CHAR(3)        NOT NULL,
    tips     BIGINT         NOT NULL DEFAULT 0,
    coffees  BIGINT         NOT NULL DEFAULT 0,
    amount   NUMERIC(16, 2) NOT NULL DEFAULT 0,
    PRIMARY KEY (issue_id, currency)
);

-- Paid tips per publication, month (of payment) and currency: the income chart.
CREATE TABLE stats_tip_month (
    publication_id BIGINT         NOT NULL REFERENCES publication (id) ON DELETE CASCADE,
    month          DATE           NOT NULL,
    currency       CHAR(3)        NOT NULL,
    tips           BIGINT         NOT NULL DEFAULT 0,
    coffees        BIGINT         NOT NULL DEFAULT 0,
    amount         NUMERIC(16, 2) NOT NULL DEFAULT 0,
    PRIMARY KEY (publication_id, month, currency)
);

-- Subscriber growth per publication and day: created, confirmed (active since), unsubscribed.
CREATE TABLE stats_publication_day (
    publication_id BIGINT NOT NULL REFERENCES publication (id) ON DELETE CASCADE,
    day            DATE   NOT NULL,
    new            BIGINT NOT NULL DEFAULT 0,
    confirmed      BIGINT NOT NULL DEFAULT 0,
    unsubscribed   BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (publication_id, day)
);

-- Subscribers per publication and status (active count and the rest).
CREATE TABLE stats_publication_status (
    publication_id BIGINT      NOT NULL REFERENCES publication (id) ON DELETE CASCADE,
    status         VARCHAR(16) NOT NULL,
    subscribers    BIGINT      NOT NULL DEFAULT 0,
    PRIMARY KEY (publication_id, status)
);

-- Subscribers per publication and the source of their first consent (form, import, api).
CREATE TABLE stats_publication_source (
    publication_id BIGINT      NOT NULL REFERENCES publication (id) ON DELETE CASCADE,
    source         VARCHAR(16) NOT NULL,
    subscribers    BIGINT      NOT NULL DEFAULT 0,
    PRIMARY KEY (publication_id, source)
);

-- Per subscriber, what stats decided once and must take back when the subscriber goes: the source
-- of the first consent and the issue an unsubscribe was attributed to.
CREATE TABLE stats_subscriber (
    subscriber_id         BIGINT PRIMARY KEY,  -- no foreign key: the subscriber trigger removes it
    publication_id        BIGINT      NOT NULL REFERENCES publication (id) ON DELETE CASCADE,
    source                VARCHAR(16),
    unsubscribed_issue_id BIGINT
);

-- What one statement changes in stats_issue, as rows to add up.
CREATE TYPE stats_issue_delta AS (
    issue_id bigint, recipients bigint, sent bigint, failed bigint, bounced_hard bigint, bounced_soft bigint,
    complaints bigint, opens bigint, machine_opens bigint, unique_opens bigint, clicks bigint,
    machine_clicks bigint, unique_clicks bigint, unsubscribes bigint, likes bigint, comments bigint,
    feedback_good bigint, feedback_okay bigint, feedback_bad bigint);

-- Adds deltas to stats_issue, in issue order (so concurrent statements lock rows in one order);
-- deltas of issues already gone (a cascading delete) are dropped.
CREATE FUNCTION stats_apply_issue(d stats_issue_delta[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF d IS NULL THEN
        RETURN;
    END IF;
    INSERT INTO stats_issue AS s (issue_id, publication_id, recipients, sent, failed, bounced_hard, bounced_soft,
        complaints, opens, machine_opens, unique_opens, clicks, machine_clicks, unique_clicks, unsubscribes, likes,
        comments, feedback_good, feedback_okay, feedback_bad)
    SELECT x.issue_id, i.publication_id, sum(x.recipients), sum(x.sent), sum(x.failed), sum(x.bounced_hard),
           sum(x.bounced_soft), sum(x.complaints), sum(x.opens), sum(x.machine_opens), sum(x.unique_opens),
           sum(x.clicks), sum(x.machine_clicks), sum(x.unique_clicks), sum(x.unsubscribes), sum(x.likes),
           sum(x.comments), sum(x.feedback_good), sum(x.feedback_okay), sum(x.feedback_bad)
      FROM unnest(d) x JOIN issue i ON i.id = x.issue_id
     GROUP BY x.issue_id, i.publication_id
     ORDER BY x.issue_id
    ON CONFLICT (issue_id) DO UPDATE SET
        recipients = s.recipients + EXCLUDED.recipients, sent = s.sent + EXCLUDED.sent,
        failed = s.failed + EXCLUDED.failed, bounced_hard = s.bounced_hard + EXCLUDED.bounced_hard,
        bounced_soft = s.bounced_soft + EXCLUDED.bounced_soft, complaints = s.complaints + EXCLUDED.complaints,
        opens = s.opens + EXCLUDED.opens, machine_opens = s.machine_opens + EXCLUDED.machine_opens,
        unique_opens = s.unique_opens + EXCLUDED.unique_opens, clicks = s.clicks + EXCLUDED.clicks,
        machine_clicks = s.machine_clicks + EXCLUDED.machine_clicks,
        unique_clicks = s.unique_clicks + EXCLUDED.unique_clicks,
        unsubscribes = s.unsubscribes + EXCLUDED.unsubscribes, likes = s.likes + EXCLUDED.likes,
        comments = s.comments + EXCLUDED.comments, feedback_good = s.feedback_good + EXCLUDED.feedback_good,
        feedback_okay = s.feedback_okay + EXCLUDED.feedback_okay, feedback_bad = s.feedback_bad + EXCLUDED.feedback_bad;
END $$;

-- A delta row with one counter set (by name), the others zero.
CREATE FUNCTION stats_issue_delta(issue bigint, counter text, n bigint) RETURNS stats_issue_delta
LANGUAGE sql IMMUTABLE AS $$
    SELECT ROW(issue,
        CASE WHEN counter = 'recipients' THEN n ELSE 0 END, CASE WHEN counter = 'sent' THEN n ELSE 0 END,
        CASE WHEN counter = 'failed' THEN n ELSE 0 END, CASE WHEN counter = 'bounced_hard' THEN n ELSE 0 END,
        CASE WHEN counter = 'bounced_soft' THEN n ELSE 0 END, CASE WHEN counter = 'complaints' THEN n ELSE 0 END,
        CASE WHEN counter = 'opens' THEN n ELSE 0 END, CASE WHEN counter = 'machine_opens' THEN n ELSE 0 END,
        CASE WHEN counter = 'unique_opens' THEN n ELSE 0 END, CASE WHEN counter = 'clicks' THEN n ELSE 0 END,
        CASE WHEN counter = 'machine_clicks' THEN n ELSE 0 END, CASE WHEN counter = 'unique_clicks' THEN n ELSE 0 END,
        CASE WHEN counter = 'unsubscribes' THEN n ELSE 0 END, CASE WHEN counter = 'likes' THEN n ELSE 0 END,
        CASE WHEN counter = 'comments' THEN n ELSE 0 END, CASE WHEN counter = 'feedback_good' THEN n ELSE 0 END,
        CASE WHEN counter = 'feedback_okay' THEN n ELSE 0 END, CASE WHEN counter = 'feedback_bad' THEN n ELSE 0 END
    )::stats_issue_delta
$$;

-- Adds per-hour deltas (issue, hour, sent, opens, machine opens, unique opens, clicks, unique clicks).
CREATE FUNCTION stats_apply_hour(d stats_issue_hour[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF d IS NULL THEN
        RETURN;
    END IF;
    INSERT INTO stats_issue_hour AS h (issue_id, hour, sent, opens, machine_opens, unique_opens, clicks, unique_clicks)
    SELECT x.issue_id, x.hour, sum(x.sent), sum(x.opens), sum(x.machine_opens), sum(x.unique_opens),
           sum(x.clicks), sum(x.unique_clicks)
      FROM unnest(d) x JOIN issue i ON i.id = x.issue_id
     GROUP BY x.issue_id, x.hour
     ORDER BY x.issue_id, x.hour
    ON CONFLICT (issue_id, hour) DO UPDATE SET
        sent = h.sent + EXCLUDED.sent, opens = h.opens + EXCLUDED.opens,
        machine_opens = h.machine_opens + EXCLUDED.machine_opens, unique_opens = h.unique_opens + EXCLUDED.unique_opens,
        clicks = h.clicks + EXCLUDED.clicks, unique_clicks = h.unique_clicks + EXCLUDED.unique_clicks;
END $$;

-- The rows a statement changed, each with the sign of its contribution: new rows add, old rows take away.
CREATE FUNCTION stats_changed(op text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE op
        WHEN 'INSERT' THEN '(SELECT 1 AS sign, * FROM new_rows)'
        WHEN 'DELETE' THEN '(SELECT -1 AS sign, * FROM old_rows)'
        ELSE '(SELECT 1 AS sign, * FROM new_rows UNION ALL SELECT -1 AS sign, * FROM old_rows)' END
$$;

-- Creates the three statement-level triggers (insert, update, delete) through which a table's
-- changes reach the rollups: new rows as new_rows, old rows as old_rows.
CREATE FUNCTION stats_watch(tab text, name text, call text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('CREATE TRIGGER stats_%s_insert AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows '
                   'FOR EACH STATEMENT EXECUTE FUNCTION %s', name, tab, call);
    EXECUTE format('CREATE TRIGGER stats_%s_update AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows '
                   'NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION %s', name, tab, call);
    EXECUTE format('CREATE TRIGGER stats_%s_delete AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows '
                   'FOR EACH STATEMENT EXECUTE FUNCTION %s', name, tab, call);
END $$;

-- Deliveries: recipients, sent, failed, bounces and complaints per issue; sent per hour.
CREATE FUNCTION stats_on_delivery() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format($q$
        WITH g AS MATERIALIZED (  -- the statement's rows in a few groups first, then their issues
            SELECT s.issue_id, g.status, g.bounce, g.hour, g.n
              FROM (SELECT send_id, status, bounce, date_trunc('hour', sent_at, 'UTC') AS hour, sum(sign) AS n
                      FROM %s r GROUP BY 1, 2, 3, 4) g
              JOIN send s ON s.id = g.send_id
             WHERE g.n <> 0)
        SELECT stats_apply_issue((
                   SELECT array_agg(ROW(issue_id, recipients, sent, failed, hard, soft, complaints,
                              0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)::stats_issue_delta)
                     FROM (SELECT issue_id, sum(n) AS recipients,
                                  coalesce(sum(n) FILTER (WHERE status = 'sent'), 0) AS sent,
                                  coalesce(sum(n) FILTER (WHERE status = 'failed'), 0) AS failed,
                                  coalesce(sum(n) FILTER (WHERE bounce = 'hard'), 0) AS hard,
                                  coalesce(sum(n) FILTER (WHERE bounce = 'soft'), 0) AS soft,
                                  coalesce(sum(n) FILTER (WHERE bounce = 'complaint'), 0) AS complaints
                             FROM g GROUP BY issue_id) x
                    WHERE recipients <> 0 OR sent <> 0 OR failed <> 0 OR hard <> 0 OR soft <> 0 OR complaints <> 0)),
               stats_apply_hour((
                   SELECT array_agg(ROW(issue_id, hour, n, 0, 0, 0, 0, 0)::stats_issue_hour)
                     FROM (SELECT issue_id, hour, sum(n) AS n FROM g WHERE status = 'sent'
                            GROUP BY 1, 2 HAVING sum(n) <> 0) x))$q$,
        stats_changed(TG_OP));
    RETURN NULL;
END $$;

SELECT stats_watch('delivery', 'delivery', 'stats_on_delivery()');

-- Opens and clicks (append-only; they go only with their delivery): totals, machine ones apart,
-- first human open and click per delivery (and per link), per hour.
CREATE FUNCTION stats_on_tracking_event() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE done record;
BEGIN
    WITH e AS MATERIALIZED (
        SELECT n.delivery_id, n.kind, n.link_id, n.machine, n.at, s.issue_id
          FROM new_rows n JOIN delivery d ON d.id = n.delivery_id JOIN send s ON s.id = d.send_id),
    firsts AS (
        INSERT INTO stats_touch (delivery_id, link_id)
        SELECT DISTINCT e.delivery_id, t.link_id
          FROM e CROSS JOIN LATERAL (VALUES (CASE e.kind WHEN 'open' THEN 0 ELSE -1 END),
                                            (CASE WHEN e.kind = 'click' THEN e.link_id END)) t(link_id)
         WHERE NOT e.machine AND t.link_id IS NOT NULL
         ORDER BY 1, 2
        ON CONFLICT DO NOTHING
        RETURNING delivery_id, link_id),
    -- each first touch with its issue and the time of the event that made it
    f AS MATERIALIZED (
        SELECT e.issue_id, f.link_id, min(e.at) AS at
          FROM firsts f JOIN e ON e.delivery_id = f.delivery_id AND NOT e.machine
               AND ((f.link_id = 0 AND e.kind = 'open') OR (f.link_id <> 0 AND e.kind = 'click'
                    AND (f.link_id = -1 OR f.link_id = e.link_id)))
         GROUP BY e.issue_id, f.delivery_id, f.link_id),
    links AS (
        INSERT INTO stats_link AS l (link_id, issue_id, clicks, unique_clicks)
        SELECT link_id, issue_id, sum(clicks), sum(uniques) FROM (
            SELECT link_id, issue_id, 1 AS clicks, 0 AS uniques FROM e WHERE kind = 'click' AND NOT machine
            UNION ALL SELECT link_id, issue_id, 0, 1 FROM f WHERE link_id > 0) x
         WHERE link_id IS NOT NULL
         GROUP BY link_id, issue_id ORDER BY link_id
        ON CONFLICT (link_id) DO UPDATE SET clicks = l.clicks + EXCLUDED.clicks,
            unique_clicks = l.unique_clicks + EXCLUDED.unique_clicks)
    SELECT stats_apply_issue((
               SELECT array_agg(stats_issue_delta(issue_id, counter, n)) FROM (
                   SELECT issue_id, CASE WHEN kind = 'open' AND machine THEN 'machine_opens' WHEN kind = 'open' THEN 'opens'
                              WHEN machine THEN 'machine_clicks' ELSE 'clicks' END AS counter, count(*) AS n
                     FROM e GROUP BY 1, 2
                   UNION ALL
                   SELECT issue_id, CASE link_id WHEN 0 THEN 'unique_opens' ELSE 'unique_clicks' END, count(*)
                     FROM f WHERE link_id <= 0 GROUP BY 1, 2) x)),
           stats_apply_hour((
               SELECT array_agg(ROW(issue_id, hour, 0, o, mo, uo, c, uc)::stats_issue_hour)
                 FROM (SELECT issue_id, date_trunc('hour', at, 'UTC') AS hour, sum(o) AS o, sum(mo) AS mo, sum(uo) AS uo,
                              sum(c) AS c, sum(uc) AS uc
                         FROM (SELECT issue_id, at, (kind = 'open' AND NOT machine)::int AS o,
                                      (kind = 'open' AND machine)::int AS mo, 0 AS uo,
                                      (kind = 'click' AND NOT machine)::int AS c, 0 AS uc FROM e
                               UNION ALL
                               SELECT issue_id, at, 0, 0, (link_id = 0)::int, 0, (link_id = -1)::int
                                 FROM f WHERE link_id <= 0) y
                        GROUP BY 1, 2) x))
      INTO done;
    RETURN NULL;
END $$;

CREATE TRIGGER stats_tracking_event_insert AFTER INSERT ON tracking_event REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION stats_on_tracking_event();

-- The issue an unsubscribe is attributed to: the last issue delivered to the subscriber before
-- they unsubscribed (probing each send of the publication by its (send, subscriber) key).
CREATE FUNCTION stats_unsubscribe_issue(publication bigint, subscriber bigint, at timestamptz) RETURNS bigint
LANGUAGE sql STABLE AS $$
    SELECT s.issue_id FROM send s
     CROSS JOIN LATERAL (SELECT d.sent_at FROM delivery d WHERE d.send_id = s.id AND d.subscriber_id = subscriber) d
     WHERE s.publication_id = publication AND d.sent_at <= at
     ORDER BY d.sent_at DESC, s.id DESC LIMIT 1
$$;

-- Subscribers: growth per day, count per status, and unsubscribes attributed to issues.
CREATE FUNCTION stats_on_subscriber() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE done record;
BEGIN
    EXECUTE format($q$
        WITH c AS MATERIALIZED (SELECT sign, publication_id, status, created_at, confirmed_at, unsubscribed_at FROM %s r),
        days AS (
            INSERT INTO stats_publication_day AS p (publication_id, day, new, confirmed, unsubscribed)
            SELECT x.publication_id, x.day, sum(x.new), sum(x.confirmed), sum(x.unsubscribed)
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
            ON CONFLICT (publication_id, day) DO UPDATE SET new = p.new + EXCLUDED.new,
                confirmed = p.confirmed + EXCLUDED.confirmed, unsubscribed = p.unsubscribed + EXCLUDED.unsubscribed)
        INSERT INTO stats_publication_status AS p (publication_id, status, subscribers)
        SELECT c.publication_id, c.status, sum(c.sign) FROM c JOIN publication pub ON pub.id = c.publication_id
         GROUP BY 1, 2 HAVING sum(c.sign) <> 0 ORDER BY 1, 2
        ON CONFLICT (publication_id, status) DO UPDATE SET subscribers = p.subscribers + EXCLUDED.subscribers$q$,
        stats_changed(TG_OP));
    IF TG_OP = 'DELETE' THEN
        -- a subscriber gone takes back their source and their unsubscribe
        WITH gone AS (DELETE FROM stats_subscriber m USING old_rows o WHERE m.subscriber_id = o.id
                      RETURNING m.publication_id, m.source, m.unsubscribed_issue_id),
        sources AS (UPDATE stats_publication_source p SET subscribers = p.subscribers - x.n
                      FROM (SELECT publication_id, source, count(*) AS n FROM gone WHERE source IS NOT NULL
                             GROUP BY 1, 2) x
                     WHERE p.publication_id = x.publication_id AND p.source = x.source)
        SELECT stats_apply_issue((SELECT array_agg(stats_issue_delta(unsubscribed_issue_id, 'unsubscribes', -n))
                                    FROM (SELECT unsubscribed_issue_id, count(*) AS n FROM gone
                                           WHERE unsubscribed_issue_id IS NOT NULL GROUP BY 1) x)) INTO done;
    ELSIF TG_OP = 'UPDATE' THEN
        -- an unsubscribed row's attribution is taken back, and made again for the rows unsubscribed now
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
    RETURN NULL;
END $$;

SELECT stats_watch('subscriber', 'subscriber', 'stats_on_subscriber()');

-- Consents: the source of a subscriber's first consent, counted per publication and source.
CREATE FUNCTION stats_on_consent() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    WITH firsts AS (
        SELECT DISTINCT ON (n.subscriber_id) n.subscriber_id, s.publication_id, n.source
          FROM new_rows n JOIN subscriber s ON s.id = n.subscriber_id ORDER BY n.subscriber_id, n.id),
    marked AS (
        INSERT INTO stats_subscriber AS m (subscriber_id, publication_id, source)
        SELECT subscriber_id, publication_id, source FROM firsts ORDER BY subscriber_id
        ON CONFLICT (subscriber_id) DO UPDATE SET source = EXCLUDED.source WHERE m.source IS NULL
        RETURNING m.publication_id, m.source)
    INSERT INTO stats_publication_source AS p (publication_id, source, subscribers)
    SELECT publication_id, source, count(*) FROM marked GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (publication_id, source) DO UPDATE SET subscribers = p.subscribers + EXCLUDED.subscribers;
    RETURN NULL;
END $$;

CREATE TRIGGER stats_consent_insert AFTER INSERT ON consent REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION stats_on_consent();

-- Rows that count once per issue: the trigger's arguments are the counter (an expression over the
-- row) and which rows count.
CREATE FUNCTION stats_count_issue_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format($q$
        SELECT stats_apply_issue((SELECT array_agg(stats_issue_delta(issue_id, counter, n))
                                    FROM (SELECT issue_id, %s AS counter, sum(sign) AS n FROM %s r WHERE %s
                                           GROUP BY 1, 2 HAVING sum(sign) <> 0) x))$q$,
        TG_ARGV[0], stats_changed(TG_OP), TG_ARGV[1]);
    RETURN NULL;
END $$;

SELECT stats_watch('feedback', 'feedback', $c$stats_count_issue_rows('''feedback_'' || rating', 'true')$c$);
SELECT stats_watch('issue_like', 'like', $c$stats_count_issue_rows('''likes''', 'true')$c$);
SELECT stats_watch('comment', 'comment', $c$stats_count_issue_rows('''comments''', 'status = ''visible''')$c$);

-- Tips: paid ones per issue and currency, and per publication, month of payment and currency.
CREATE FUNCTION stats_on_tip() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format($q$
        WITH c AS MATERIALIZED (
            SELECT sign, publication_id, issue_id, currency, coffees, amount,
                   date_trunc('month', coalesce(paid_at, updated_at) AT TIME ZONE 'UTC')::date AS month
              FROM %s r WHERE status = 'paid'),
        per_issue AS (
            INSERT INTO stats_issue_tip AS t (issue_id, currency, tips, coffees, amount)
            SELECT c.issue_id, c.currency, sum(sign), sum(sign * coffees), sum(sign * amount)
              FROM c JOIN issue i ON i.id = c.issue_id GROUP BY 1, 2 ORDER BY 1, 2
            ON CONFLICT (issue_id, currency) DO UPDATE SET tips = t.tips + EXCLUDED.tips,
                coffees = t.coffees + EXCLUDED.coffees, amount = t.amount + EXCLUDED.amount)
        INSERT INTO stats_tip_month AS t (publication_id, month, currency, tips, coffees, amount)
        SELECT c.publication_id, c.month, c.currency, sum(sign), sum(sign * coffees), sum(sign * amount)
          FROM c JOIN publication p ON p.id = c.publication_id GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
        ON CONFLICT (publication_id, month, currency) DO UPDATE SET tips = t.tips + EXCLUDED.tips,
            coffees = t.coffees + EXCLUDED.coffees, amount = t.amount + EXCLUDED.amount$q$,
        stats_changed(TG_OP));
    RETURN NULL;
END $$;

SELECT stats_watch('tip', 'tip', 'stats_on_tip()');

-- Recomputes every rollup from the raw rows, in the caller's transaction. Writers of raw rows wait
-- meanwhile (their triggers need the rollup tables), so nothing is counted twice or missed.
CREATE FUNCTION stats_rebuild() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    LOCK TABLE stats_issue, stats_issue_hour, stats_link, stats_touch, stats_issue_tip, stats_tip_month,
        stats_publication_day, stats_publication_status, stats_publication_source, stats_subscriber IN EXCLUSIVE MODE;
    DELETE FROM stats_issue; DELETE FROM stats_issue_hour; DELETE FROM stats_link; DELETE FROM stats_touch;
    DELETE FROM stats_issue_tip; DELETE FROM stats_tip_month; DELETE FROM stats_publication_day;
    DELETE FROM stats_publication_status; DELETE FROM stats_publication_source; DELETE FROM stats_subscriber;

    -- first human open, click and click per link of each delivery
    INSERT INTO stats_touch (delivery_id, link_id)
    SELECT delivery_id, CASE kind WHEN 'open' THEN 0 ELSE -1 END FROM tracking_event WHERE NOT machine
    UNION
    SELECT delivery_id, link_id FROM tracking_event WHERE NOT machine AND kind = 'click' AND link_id IS NOT NULL;

    -- each subscriber's first consent source, and the issue their unsubscribe is attributed to
    INSERT INTO stats_subscriber (subscriber_id, publication_id, source, unsubscribed_issue_id)
    SELECT * FROM (
        SELECT s.id, s.publication_id, f.source,
               CASE WHEN s.status = 'unsubscribed' THEN stats_unsubscribe_issue(s.publication_id, s.id, s.unsubscribed_at) END AS issue_id
          FROM subscriber s
          LEFT JOIN (SELECT DISTINCT ON (subscriber_id) subscriber_id, source FROM consent ORDER BY subscriber_id, id) f
                 ON f.subscriber_id = s.id) x
     WHERE source IS NOT NULL OR issue_id IS NOT NULL;

    -- per issue: deliveries, events, unsubscribes, likes, visible comments, feedback
    PERFORM stats_apply_issue(ARRAY(
        SELECT ROW(s.issue_id, count(*), count(*) FILTER (WHERE d.status = 'sent'),
                   count(*) FILTER (WHERE d.status = 'failed'), count(*) FILTER (WHERE d.bounce = 'hard'),
                   count(*) FILTER (WHERE d.bounce = 'soft'), count(*) FILTER (WHERE d.bounce = 'complaint'),
                   0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)::stats_issue_delta
          FROM delivery d JOIN send s ON s.id = d.send_id GROUP BY s.issue_id
        UNION ALL
        SELECT ROW(s.issue_id, 0, 0, 0, 0, 0, 0,
                   count(*) FILTER (WHERE e.kind = 'open' AND NOT e.machine),
                   count(*) FILTER (WHERE e.kind = 'open' AND e.machine),
                   count(DISTINCT e.delivery_id) FILTER (WHERE e.kind = 'open' AND NOT e.machine),
                   count(*) FILTER (WHERE e.kind = 'click' AND NOT e.machine),
                   count(*) FILTER (WHERE e.kind = 'click' AND e.machine),
                   count(DISTINCT e.delivery_id) FILTER (WHERE e.kind = 'click' AND NOT e.machine),
                   0, 0, 0, 0, 0, 0)::stats_issue_delta
          FROM tracking_event e JOIN delivery d ON d.id = e.delivery_id JOIN send s ON s.id = d.send_id
         GROUP BY s.issue_id
        UNION ALL
        SELECT stats_issue_delta(unsubscribed_issue_id, 'unsubscribes', count(*)) FROM stats_subscriber
         WHERE unsubscribed_issue_id IS NOT NULL GROUP BY unsubscribed_issue_id
        UNION ALL
        SELECT stats_issue_delta(issue_id, 'likes', count(*)) FROM issue_like GROUP BY issue_id
        UNION ALL
        SELECT stats_issue_delta(issue_id, 'comments', count(*)) FROM comment WHERE status = 'visible' GROUP BY issue_id
        UNION ALL
        SELECT stats_issue_delta(issue_id, 'feedback_' || rating, count(*)) FROM feedback GROUP BY issue_id, rating));

    -- per issue and hour: sent, events, and first human opens and clicks
    PERFORM stats_apply_hour(ARRAY(
        SELECT ROW(s.issue_id, date_trunc('hour', d.sent_at, 'UTC'), count(*), 0, 0, 0, 0, 0)::stats_issue_hour
          FROM delivery d JOIN send s ON s.id = d.send_id WHERE d.status = 'sent'
         GROUP BY s.issue_id, date_trunc('hour', d.sent_at, 'UTC')
        UNION ALL
        SELECT ROW(s.issue_id, date_trunc('hour', e.at, 'UTC'), 0,
                   count(*) FILTER (WHERE e.kind = 'open' AND NOT e.machine),
                   count(*) FILTER (WHERE e.kind = 'open' AND e.machine), 0,
                   count(*) FILTER (WHERE e.kind = 'click' AND NOT e.machine), 0)::stats_issue_hour
          FROM tracking_event e JOIN delivery d ON d.id = e.delivery_id JOIN send s ON s.id = d.send_id
         GROUP BY s.issue_id, date_trunc('hour', e.at, 'UTC')
        UNION ALL
        SELECT ROW(issue_id, date_trunc('hour', first_at, 'UTC'), 0, 0, 0, count(*) FILTER (WHERE kind = 'open'), 0,
                   count(*) FILTER (WHERE kind = 'click'))::stats_issue_hour
          FROM (SELECT s.issue_id, e.kind, e.delivery_id, min(e.at) AS first_at
                  FROM tracking_event e JOIN delivery d ON d.id = e.delivery_id JOIN send s ON s.id = d.send_id
                 WHERE NOT e.machine GROUP BY 1, 2, 3) f
         GROUP BY issue_id, date_trunc('hour', first_at, 'UTC')));

    -- per link: human clicks and the deliveries that made them
    INSERT INTO stats_link (link_id, issue_id, clicks, unique_clicks)
    SELECT e.link_id, s.issue_id, count(*), count(DISTINCT e.delivery_id)
      FROM tracking_event e JOIN delivery d ON d.id = e.delivery_id JOIN send s ON s.id = d.send_id
     WHERE e.kind = 'click' AND NOT e.machine AND e.link_id IS NOT NULL
     GROUP BY 1, 2;

    -- paid tips per issue, and per publication and month
    INSERT INTO stats_issue_tip (issue_id, currency, tips, coffees, amount)
    SELECT issue_id, currency, count(*), sum(coffees), sum(amount) FROM tip
     WHERE status = 'paid' AND issue_id IS NOT NULL GROUP BY 1, 2;
    INSERT INTO stats_tip_month (publication_id, month, currency, tips, coffees, amount)
    SELECT publication_id, date_trunc('month', coalesce(paid_at, updated_at) AT TIME ZONE 'UTC')::date, currency,
           count(*), sum(coffees), sum(amount)
      FROM tip WHERE status = 'paid' GROUP BY 1, 2, 3;

    -- subscribers: growth per day, per status, per source
    INSERT INTO stats_publication_day (publication_id, day, new, confirmed, unsubscribed)
    SELECT publication_id, day, sum(new), sum(confirmed), sum(unsubscribed) FROM (
        SELECT publication_id, (created_at AT TIME ZONE 'UTC')::date AS day, 1 AS new, 0 AS confirmed, 0 AS unsubscribed
          FROM subscriber
        UNION ALL
        SELECT publication_id, (confirmed_at AT TIME ZONE 'UTC')::date, 0, 1, 0 FROM subscriber WHERE confirmed_at IS NOT NULL
        UNION ALL
        SELECT publication_id, (unsubscribed_at AT TIME ZONE 'UTC')::date, 0, 0, 1 FROM subscriber
         WHERE status = 'unsubscribed' AND unsubscribed_at IS NOT NULL) x
     GROUP BY 1, 2;
    INSERT INTO stats_publication_status (publication_id, status, subscribers)
    SELECT publication_id, status, count(*) FROM subscriber GROUP BY 1, 2;
    INSERT INTO stats_publication_source (publication_id, source, subscribers)
    SELECT publication_id, source, count(*) FROM stats_subscriber WHERE source IS NOT NULL GROUP BY 1, 2;
END $$;

DROP FUNCTION stats_watch(text, text, text);
