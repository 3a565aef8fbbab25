-- An admin may disable an account: it cannot log in, and its sessions and tokens stop working.
ALTER TABLE account ADD COLUMN disabled_at TIMESTAMPTZ;
