-- When a worker last asked the provider for our balance, answered or not (balance_at is the last answer): the claim
-- of the scheduled ask, so of several worker nodes one asks each time, and a provider that does not answer is asked
-- again at the next interval, not on every tick.
ALTER TABLE provider ADD COLUMN balance_asked_at BIGINT;
