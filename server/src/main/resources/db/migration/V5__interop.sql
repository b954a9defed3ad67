-- Working with the panels that exist (issue 9).

-- A service's description: `action=services` sends it as "desc" ("" when none); importing panels show it.
ALTER TABLE service ADD COLUMN description VARCHAR(2000) NOT NULL DEFAULT '';

-- Per-provider compatibility options, so one quirky provider needs no code change. Set by the operator
-- (provider edit) or learned from the provider's own refusals (Dispatch, RefillSync, CancelForward):
ALTER TABLE provider ADD COLUMN package_quantity BOOLEAN NOT NULL DEFAULT FALSE;  -- send quantity=1 with Package adds
ALTER TABLE provider ADD COLUMN username_as_link BOOLEAN NOT NULL DEFAULT FALSE;  -- send the username as link with Subscriptions
ALTER TABLE provider ADD COLUMN refill_works BOOLEAN NOT NULL DEFAULT TRUE;       -- FALSE: it answers refill "This action is Invalid"
ALTER TABLE provider ADD COLUMN cancel_works BOOLEAN NOT NULL DEFAULT TRUE;       -- FALSE: it answers cancel "This action is Invalid"

-- The operator's stuck-orders list: upstream orders still Pending long after they were sent, found without a scan.
CREATE INDEX orders_pending_sent ON orders (stage, created_at) WHERE status = 'Pending';
