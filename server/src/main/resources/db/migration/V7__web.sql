-- The customer website: sign-in credentials on the customer, and sessions kept in the database so that every node
-- behind one load balancer knows them.

-- Both NULL for customers made by the CLI or the API: they cannot sign in until they set a password.
ALTER TABLE customer ADD COLUMN email VARCHAR(254);
ALTER TABLE customer ADD COLUMN password_hash VARCHAR(200);   -- bcrypt, as Spring Security Crypto writes it
-- one account per address, whatever its letter case
CREATE UNIQUE INDEX customer_email ON customer (LOWER(email));

-- A browser session. The cookie carries 256 random bits; only their SHA-256 is stored, so a copy of this table
-- signs nobody in. customer_id is NULL while signed out (the session only carries the CSRF token of the sign-in form).
CREATE TABLE web_session (
    id_hash      VARCHAR(64)  PRIMARY KEY,
    customer_id  BIGINT       REFERENCES customer (id),
    csrf         VARCHAR(64)  NOT NULL,     -- the synchronizer token every state-changing form of this session carries
    created_at   BIGINT       NOT NULL,
    last_seen    BIGINT       NOT NULL      -- a session unused for the configured idle time is gone
);
CREATE INDEX web_session_last_seen ON web_session (last_seen);
CREATE INDEX web_session_customer ON web_session (customer_id);
