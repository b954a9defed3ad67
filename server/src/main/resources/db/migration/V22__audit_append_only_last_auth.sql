-- The audit log is append-only in the database too, not only by habit: a row once written is never updated nor
-- deleted, whoever connects (a bug, a hand-typed UPDATE, a compromised node). Dropping the whole database still works.
CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit log is append-only: % refused', TG_OP;
END
$$;
-- per row: a DELETE that meets no row (a restore clearing a fresh, empty database) passes
CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON audit
    FOR EACH ROW EXECUTE FUNCTION audit_append_only();
-- TRUNCATE fires no row trigger: a statement trigger refuses it
CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit
    FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();

-- The customer's last website sign-in (Admin API users' last_auth); NULL: never signed in since it was recorded.
ALTER TABLE customer ADD COLUMN last_auth_at BIGINT;
