-- Gateway credentials the operator stored at /admin/payment-methods (issue 12): a name not stored here falls back to
-- the environment's value (OPENSMM_STRIPE_SECRET_KEY...). Write-only on the page; audited by name, never by value.
CREATE TABLE payment_credential (
    method  VARCHAR(40)  NOT NULL REFERENCES payment_method (code),
    name    VARCHAR(40)  NOT NULL,                -- the plug-in's name for it: 'secret_key', 'webhook_secret', 'api_key'...
    value   VARCHAR(500) NOT NULL,
    PRIMARY KEY (method, name)
);
