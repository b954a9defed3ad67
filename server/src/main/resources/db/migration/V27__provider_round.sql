-- The status sync polls each provider's sent orders in rounds, in order-id order, from a cursor of one row per provider
-- (issue 13: 1M active orders a minute). V20's order_poll kept a poll time per order, so every poll rewrote a row and
-- an index entry even when the provider's answer had not changed: half of PostgreSQL's work per polled order. Here a
-- lease of 100 orders moves one cursor; an order whose answer did not change is not written at all.
--   after_id   the last order id leased in the running round; 0 between rounds
--   started_at when the running (or last) round started, epoch ms: the next one starts a sync interval later
CREATE TABLE provider_round (
    provider_id BIGINT PRIMARY KEY REFERENCES provider (id) ON DELETE CASCADE,
    after_id    BIGINT NOT NULL DEFAULT 0,
    started_at  BIGINT NOT NULL DEFAULT 0
);
-- The first round after the upgrade starts one sync interval from now, as the order_poll times it replaces would have
-- (and the sync-lag figure counts from here, not from 1970).
INSERT INTO provider_round (provider_id, started_at)
SELECT id, (extract(epoch FROM clock_timestamp()) * 1000)::bigint FROM provider;

-- The lease's scan: one provider's sent orders after the cursor, in id order; only sent orders are in it.
CREATE INDEX orders_sent ON orders (provider_id, id) WHERE stage = 'SENT';

DROP TRIGGER orders_poll ON orders;
DROP FUNCTION order_poll_follow();
DROP TABLE order_poll;
-- orders keeps V20's fillfactor 85: a poll that moves status or remains stays a HOT update.
