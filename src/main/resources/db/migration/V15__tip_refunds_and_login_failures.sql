-- How much of a tip its provider refunded, kept whatever order the provider's events arrive in: a
-- refund that comes before the payment it refunds is remembered and applied when the payment lands.
ALTER TABLE tip ADD COLUMN amount_refunded NUMERIC(14, 2) NOT NULL DEFAULT 0 CHECK (amount_refunded >= 0);

-- Failed password logins per account: too many within a window lock the account's password logins
-- for a while (AuthConfig), on every instance alike.
ALTER TABLE account
    ADD COLUMN failed_logins        INTEGER     NOT NULL DEFAULT 0,
    ADD COLUMN failed_logins_since  TIMESTAMPTZ,
    ADD COLUMN login_locked_until   TIMESTAMPTZ;
