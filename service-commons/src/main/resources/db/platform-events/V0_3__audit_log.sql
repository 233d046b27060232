-- Issue 20 item 2: the audit log of admin and moderator decisions, the same table in every service.
-- A row is written by org.wsis.commons.audit.AuditLog in the transaction of the decision it records (with its
-- outbox event), so a decision without its audit row, or an audit row for a rolled-back decision, cannot exist.
CREATE TABLE audit_entry (
    seq            BIGSERIAL   PRIMARY KEY,                -- the order rows were written in (newest-first paging)
    id             UUID        NOT NULL UNIQUE,            -- the entry's public id (also in its event)
    occurred_at    TIMESTAMPTZ NOT NULL,
    actor_subject  TEXT        NOT NULL,                   -- the token's subject, never a name or an e-mail
    actor_roles    TEXT[]      NOT NULL,                   -- the realm roles the caller held when deciding
    action         TEXT        NOT NULL CHECK (action ~ '^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$'),  -- e.g. entry.published
    target_type    TEXT        NOT NULL,                   -- e.g. entry, edition, session
    target_id      TEXT        NOT NULL,
    before_state   JSONB       CHECK (before_state IS NULL OR jsonb_typeof(before_state) = 'object'),
    after_state    JSONB       CHECK (after_state IS NULL OR jsonb_typeof(after_state) = 'object'),
    reason         TEXT
);
-- The admins' filters: by actor, by action, by target, each newest first; time ranges over seq order.
CREATE INDEX audit_entry_by_actor ON audit_entry (actor_subject, seq);
CREATE INDEX audit_entry_by_action ON audit_entry (action, seq);
CREATE INDEX audit_entry_by_target ON audit_entry (target_type, target_id, seq);
CREATE INDEX audit_entry_by_time ON audit_entry (occurred_at);

-- Append-only, enforced by the database and not only by the code: any UPDATE, DELETE or TRUNCATE is refused,
-- whoever sends it (the service's own role included). Only dropping the trigger (a migration, reviewed) can
-- change that.
CREATE FUNCTION audit_entry_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_entry is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE ON audit_entry
    FOR EACH ROW EXECUTE FUNCTION audit_entry_refuse_change();
CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON audit_entry
    FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_refuse_change();
