-- /subscriptions and /drip-feed list a customer's few recurring orders among all their orders: without these, a page
-- of them walks every order the customer ever placed (1.5 ms of database time on 10,000 orders). Only those parents
-- are in the indexes, so ordinary orders pay nothing to write.
CREATE INDEX orders_subscriptions ON orders (customer_id, id) WHERE parent_id IS NULL AND service_type = 'Subscriptions';
CREATE INDEX orders_drip_feeds ON orders (customer_id, id) WHERE parent_id IS NULL AND runs IS NOT NULL;
