-- Secrets the platform makes for itself when none is configured, shared by every instance on this
-- database and kept across restarts (so that links in mail already sent keep working).

CREATE TABLE platform_secret (
    name       VARCHAR(64) PRIMARY KEY,
    value      BYTEA       NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
