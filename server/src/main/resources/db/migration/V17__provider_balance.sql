-- Our balance at each provider as it last said (Providers.balance records every answer), for the admin dashboard:
-- whichever node asked (alerts, metrics), every node shows it. In the provider's currency, exact.
ALTER TABLE provider ADD COLUMN balance NUMERIC(30, 10);
ALTER TABLE provider ADD COLUMN balance_currency VARCHAR(10);
ALTER TABLE provider ADD COLUMN balance_at BIGINT;
