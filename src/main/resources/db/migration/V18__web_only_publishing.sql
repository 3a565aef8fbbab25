-- An issue may be published on the web without mailing anyone, as an explicit choice of the
-- writer (a send whose audience has no mailable subscriber is otherwise refused). The choice
-- travels with the schedule to the send request, whose start then snapshots no recipient.
ALTER TABLE issue ADD COLUMN web_only BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE issue_send_request ADD COLUMN web_only BOOLEAN NOT NULL DEFAULT false;
