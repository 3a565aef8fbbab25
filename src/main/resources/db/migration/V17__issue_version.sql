-- An issue's edits are numbered: a save that names the version it was made from is refused (409
-- stale_version) when the issue changed since, so two tabs or two devices editing one draft never
-- overwrite each other silently.
ALTER TABLE issue ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
