-- Finding our order by its provider's id: every accepted add checks that no other order of ours holds the same one.
CREATE INDEX orders_external ON orders (provider_id, external_id);
