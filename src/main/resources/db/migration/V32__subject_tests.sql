-- A/B subject tests: an issue may carry two to four subjects (each with an optional preheader).
-- When its send starts, a random sample of the snapshot's delivery rows gets the variants in
-- equal parts and every other row is held; once the test time is over (or the writer picks by
-- hand) the held rows are released, all at once, with the winner's variant.

CREATE TABLE subject_test (
    issue_id       BIGINT      PRIMARY KEY REFERENCES issue (id) ON DELETE CASCADE,
    sample_percent SMALLINT    NOT NULL CHECK (sample_percent BETWEEN 10 AND 50),
    wait_minutes   INTEGER     NOT NULL CHECK (wait_minutes BETWEEN 60 AND 10080),
    metric         VARCHAR(8)  NOT NULL CHECK (metric IN ('opens', 'clicks')),
    -- set when the send starts: its sample, per variant, and when the test phase ends
    send_id        BIGINT      REFERENCES send (id) ON DELETE SET NULL,
    per_variant    INTEGER,
    decide_at      TIMESTAMPTZ,
    -- set once, by the scheduled decision or by the writer's pick
    winner         SMALLINT    CHECK (winner BETWEEN 1 AND 4),
    decided_by     VARCHAR(8)  CHECK (decided_by IN ('metric', 'hand')),
    decided_at     TIMESTAMPTZ,
    created_at     TIMESTAMPTZ NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL,
    CONSTRAINT subject_test_decided_whole CHECK ((winner IS NULL) = (decided_by IS NULL) AND (winner IS NULL) = (decided_at IS NULL))
);

-- the decision job's question: which tests are due and still undecided
CREATE INDEX subject_test_due ON subject_test (decide_at) WHERE winner IS NULL AND decide_at IS NOT NULL;

CREATE TABLE subject_variant (
    issue_id  BIGINT       NOT NULL REFERENCES subject_test (issue_id) ON DELETE CASCADE,
    variant   SMALLINT     NOT NULL CHECK (variant BETWEEN 1 AND 4),
    subject   VARCHAR(200) NOT NULL,
    preheader VARCHAR(300),
    PRIMARY KEY (issue_id, variant)
);

-- The variant a delivery is sent with (null: the issue's own subject), whether the row was in the
-- test's sample, and 'held': a row of the remainder, which the claim never takes, waiting for the winner.
ALTER TABLE delivery ADD COLUMN variant SMALLINT CHECK (variant BETWEEN 1 AND 4);
ALTER TABLE delivery ADD COLUMN in_sample BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE delivery DROP CONSTRAINT delivery_status_check;
ALTER TABLE delivery ADD CONSTRAINT delivery_status_check
    CHECK (status IN ('queued', 'retrying', 'sent', 'failed', 'skipped', 'held'));
-- releasing the winner and the finisher's question find a send's held rows without reading the others
CREATE INDEX delivery_held ON delivery (send_id) WHERE status = 'held';
