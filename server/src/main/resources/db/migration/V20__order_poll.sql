-- The status sync's schedule, kept apart from the wide orders row (issue 13: 1M active orders polled every minute).
-- Leasing a batch moves next_at of 100 rows; on orders that meant a new 40-column tuple and an entry in each of its 11
-- indexes per poll, since next_at is indexed. Here it is a 3-column tuple and two index entries, and an order whose
-- status did not change is not written at all (one whose remains did can be a HOT update: no indexed column changes).
-- One row per order in stage SENT, kept so by the trigger below whatever code path moves an order: the table cannot
-- drift from the stage. An explicit write of orders.next_at on a sent order (an error, a cancel, an operator) asks for
-- a poll at that time; the sync's own leases touch only this table.
CREATE TABLE order_poll (
    order_id    BIGINT NOT NULL PRIMARY KEY REFERENCES orders (id) ON DELETE CASCADE,
    provider_id BIGINT NOT NULL,
    next_at     BIGINT NOT NULL
);
CREATE INDEX order_poll_due ON order_poll (provider_id, next_at);

INSERT INTO order_poll (order_id, provider_id, next_at)
SELECT id, provider_id, coalesce(next_at, 0) FROM orders WHERE stage = 'SENT' AND provider_id IS NOT NULL;

CREATE FUNCTION order_poll_follow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.stage = 'SENT' AND NEW.provider_id IS NOT NULL THEN
        INSERT INTO order_poll (order_id, provider_id, next_at) VALUES (NEW.id, NEW.provider_id, coalesce(NEW.next_at, 0))
        ON CONFLICT (order_id) DO UPDATE SET provider_id = EXCLUDED.provider_id, next_at = EXCLUDED.next_at;
    ELSIF TG_OP = 'UPDATE' AND OLD.stage = 'SENT' THEN
        DELETE FROM order_poll WHERE order_id = NEW.id;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER orders_poll AFTER INSERT OR UPDATE OF stage, provider_id, next_at ON orders
    FOR EACH ROW EXECUTE FUNCTION order_poll_follow();

-- Room on each page for the new version of a row whose status or remains moved, so that update can stay on the page (HOT).
ALTER TABLE orders SET (fillfactor = 85);

-- It served the sync's lease, which now reads order_poll_due; one index less to write on every order change.
DROP INDEX orders_sync;
