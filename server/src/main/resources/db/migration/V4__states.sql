-- Order stages, cancel states, and refill statuses and stages are enums in org.opensmm.order (Stage, CancelState,
-- Status, Refills.State, RefillStage), each with its allowed transitions in one place; these constraints hold the
-- columns to the same names (StatesSchemaTest compares them). DRIP, a drip-feed order we deliver run by run, has been
-- written since V2 but was missing from V1's list. Rows written so far only ever hold these values.
ALTER TABLE orders ADD CONSTRAINT orders_stage_known
    CHECK (stage IN ('NEW', 'SENDING', 'SENT', 'FAIL', 'MANUAL', 'DRIP', 'DONE'));
-- NULL: nobody asked to cancel the order
ALTER TABLE orders ADD CONSTRAINT orders_cancel_state_known
    CHECK (cancel_state IN ('REQUESTED', 'FORWARDING', 'FORWARDED', 'REJECTED', 'DONE'));
ALTER TABLE orders ADD CONSTRAINT orders_status_known
    CHECK (status IN ('Pending', 'In progress', 'Processing', 'Completed', 'Partial', 'Canceled', 'Active', 'Paused', 'Expired'));
ALTER TABLE refill ADD CONSTRAINT refill_status_known
    CHECK (status IN ('Pending', 'In progress', 'Completed', 'Rejected', 'Error'));
ALTER TABLE refill ADD CONSTRAINT refill_stage_known
    CHECK (stage IN ('NEW', 'SENDING', 'SENT', 'FAIL', 'DONE'));
