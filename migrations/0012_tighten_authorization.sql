-- Authorization fixes (docs/security.md, "Escalation rules").

-- 1. Self-registered accounts read the tracker; they no longer write it (events,
-- catalog, locks). Anyone may register, so writes are granted by an admin: role
-- tracker_writer below, or a role of their own.
DELETE FROM role_permissions rp
 USING roles r, permissions p
 WHERE rp.role_id = r.id AND rp.permission_id = p.id
   AND r.name = 'user' AND p.name IN ('events:write', 'catalog:write', 'locks:write');

-- A ready-made role holding every tracker permission. Created only when no role of
-- that name exists, so a deployment's own role of that name is left as it is.
DO $$
DECLARE writer_id bigint;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM roles WHERE name = 'tracker_writer') THEN
        INSERT INTO roles (name, description)
        VALUES ('tracker_writer', 'Writes tracker events, catalog entries and locks')
        RETURNING id INTO writer_id;
        INSERT INTO role_permissions (role_id, permission_id)
        SELECT writer_id, p.id FROM permissions p WHERE p.resource IN ('events', 'catalog', 'locks');
    END IF;
END $$;

-- 2. A lock is released by the caller that took it (or an admin): record who that
-- was, the task's submitted_by (`user:<id>`, an API key's name, or `anonymous`).
ALTER TABLE tracker_locks ADD COLUMN taken_by text NOT NULL DEFAULT '';
-- Locks taken before this migration: their take_lock task names the caller while the
-- ledger still holds it. A lock left with '' is released by an admin only.
UPDATE tracker_locks l
   SET taken_by = t.submitted_by
  FROM tasks t
 WHERE t.service = 'tracker' AND t.action = 'take_lock' AND t.payload ->> 'id' = l.id::text;

-- 3. A new password revokes the user's IMAS tokens, whatever changed it (the
-- identity.set_password task, or an operator's UPDATE as docs/security.md shows).
CREATE FUNCTION revoke_tokens_on_password_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE auth_tokens SET revoked_at = now() WHERE user_id = NEW.id AND revoked_at IS NULL;
    RETURN NULL;
END $$;

CREATE TRIGGER users_revoke_tokens_on_password_change
    AFTER UPDATE OF password_hash ON users
    FOR EACH ROW WHEN (OLD.password_hash IS DISTINCT FROM NEW.password_hash)
    EXECUTE FUNCTION revoke_tokens_on_password_change();
