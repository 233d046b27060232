-- Issue 20: one audit mechanism for the platform (service-commons audit/AuditLog, table audit_entry, append-only,
-- created by the shared migrations before this one runs). The changes made to editions after voting opened, kept
-- until now in edition_audit, move there with their who/when/why; their before/after were text, kept as such under
-- "description". Their roles were not recorded then ('{}'). They were never exported as events: the export starts
-- with the audit log. Vote decisions stay in vote_decision (screening reads it) and are also in the audit log from now on.
INSERT INTO audit_entry (id, occurred_at, actor_subject, actor_roles, action, target_type, target_id,
                         before_state, after_state, reason)
SELECT gen_random_uuid(), changed_at, changed_by, '{}', 'edition.changed-after-voting-opened', 'edition',
       edition_year::text, jsonb_build_object('description', before_state),
       jsonb_build_object('description', after_state), reason
FROM edition_audit
ORDER BY id;

DROP TABLE edition_audit;
