-- The admin pages' browser sessions (/admin): like web_session, but for staff accounts and with a cookie of their own,
-- so a customer's session and a staff member's never stand in for each other.
CREATE TABLE staff_session (
    id_hash      VARCHAR(64)  PRIMARY KEY,  -- SHA-256 of the cookie's 256 random bits; the token itself is never stored
    staff_id     BIGINT       REFERENCES staff (id),  -- null: signed out (the sign-in form's CSRF token only)
    csrf         VARCHAR(64)  NOT NULL,
    created_at   BIGINT       NOT NULL,
    last_seen    BIGINT       NOT NULL,
    -- two-factor sign-in (TOTP; the secret is staff.totp_secret of V6): past the password but not yet the code,
    -- a session signs no one in
    needs_code   BOOLEAN      NOT NULL DEFAULT FALSE
);
CREATE INDEX staff_session_last_seen ON staff_session (last_seen);
CREATE INDEX staff_session_staff ON staff_session (staff_id);

