-- A refund stays for the books when its member is erased, as its charge does (V37): without the
-- person, still counted against the publication's revenue through its charge.
ALTER TABLE membership_refund ALTER COLUMN membership_id DROP NOT NULL;
ALTER TABLE membership_refund DROP CONSTRAINT membership_refund_membership_id_fkey;
ALTER TABLE membership_refund ADD CONSTRAINT membership_refund_membership_id_fkey
    FOREIGN KEY (membership_id) REFERENCES membership (id) ON DELETE SET NULL;
