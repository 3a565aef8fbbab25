-- The writer's inbox of private notes: a note is unread until the writer marks it read (or unread
-- again). Null: unread.
ALTER TABLE reader_note ADD COLUMN read_at TIMESTAMPTZ;

CREATE INDEX reader_note_unread ON reader_note (publication_id, id) WHERE status = 'confirmed' AND read_at IS NULL;
