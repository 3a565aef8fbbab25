-- The studio's subscriber table stays fast at a million subscribers (bench/subscribers.sh).

-- a publication's subscribers newest first, a page at a time after the last id seen (keyset paging)
CREATE INDEX subscriber_by_publication_id ON subscriber (publication_id, id);

-- search by the beginning of the address: byte order ("C"), so that LIKE 'prefix%' is an index range
-- whatever the database's collation
CREATE INDEX subscriber_email_prefix ON subscriber (publication_id, email COLLATE "C");

-- search by the beginning of the name, in any case
CREATE INDEX subscriber_name_prefix ON subscriber (publication_id, lower(name) COLLATE "C");
