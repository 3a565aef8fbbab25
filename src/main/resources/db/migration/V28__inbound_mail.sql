-- Inbound mail (issue 16): how a subscriber withdrew consent, and the sending guards.

-- The consent ledger says how consent was withdrawn: the link in a mail, a mail to the list's
-- unsubscribe address (mailto), or the writer. Null for withdrawals recorded before.
ALTER TABLE consent ADD COLUMN withdrawn_via VARCHAR(16) CHECK (withdrawn_via IN ('link', 'mailto', 'writer'));

-- A publication whose hard-bounce or complaint rate went over the limit: its sends are paused
-- until an admin overrides the guard, which then leaves it alone until overridden_until.
CREATE TABLE sending_guard (
    publication_id   BIGINT       PRIMARY KEY REFERENCES publication (id) ON DELETE CASCADE,
    tripped_at       TIMESTAMPTZ,
    reason           VARCHAR(500),
    overridden_at    TIMESTAMPTZ,
    overridden_by    BIGINT,
    overridden_until TIMESTAMPTZ
);
