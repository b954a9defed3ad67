-- Accounts: email verification, password reset by link, TOTP two-factor sign-in with recovery codes, preferences.

ALTER TABLE customer ADD COLUMN email_verified_at BIGINT;          -- NULL until a link sent to the current email is followed
ALTER TABLE customer ADD COLUMN totp_secret VARCHAR(64);           -- base32; NULL: two-factor off
ALTER TABLE customer ADD COLUMN totp_pending VARCHAR(64);          -- offered on /account, not yet confirmed with a code
ALTER TABLE customer ADD COLUMN totp_last_step BIGINT;             -- the last 30 s step accepted: a code works once
ALTER TABLE customer ADD COLUMN timezone VARCHAR(64) NOT NULL DEFAULT 'UTC';
ALTER TABLE customer ADD COLUMN language VARCHAR(16) NOT NULL DEFAULT 'en';

-- A link mailed (or printed by the CLI): only the SHA-256 of its 256 random bits is kept; used once, then never again.
CREATE TABLE account_link (
    token_hash   VARCHAR(64)  PRIMARY KEY,
    customer_id  BIGINT       NOT NULL REFERENCES customer (id),
    purpose      VARCHAR(16)  NOT NULL CHECK (purpose IN ('verify', 'reset')),
    email        VARCHAR(254),                 -- verify: the address it proves; a changed email makes it worthless
    created_at   BIGINT       NOT NULL,
    expires_at   BIGINT       NOT NULL,
    used_at      BIGINT
);
CREATE INDEX account_link_customer ON account_link (customer_id);

-- One-time recovery codes for a lost authenticator, hashed; a used one stays, marked, and never works again.
CREATE TABLE recovery_code (
    customer_id  BIGINT       NOT NULL REFERENCES customer (id),
    code_hash    VARCHAR(64)  NOT NULL,
    used_at      BIGINT,
    PRIMARY KEY (customer_id, code_hash)
);

-- A browser half-way through sign-in: password right, the second step (TOTP or recovery code) still to come.
ALTER TABLE web_session ADD COLUMN pending_customer_id BIGINT REFERENCES customer (id);
ALTER TABLE web_session ADD COLUMN pending_failures INT NOT NULL DEFAULT 0;
