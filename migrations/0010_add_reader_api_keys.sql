-- Reader API keys: `releases:read` only, for badge URLs and dashboards, where the
-- key shows in a README (release-tracker-api.md: "use dedicated read-only keys").
-- A reader key may be limited to a client; without one it reads every client.
ALTER TABLE api_keys DROP CONSTRAINT api_keys_role_check;
ALTER TABLE api_keys DROP CONSTRAINT api_keys_check;
ALTER TABLE api_keys ADD CONSTRAINT api_keys_role_check
    CHECK (role IN ('admin', 'client', 'reader'));
ALTER TABLE api_keys ADD CONSTRAINT api_keys_client_check
    CHECK (role <> 'client' OR client <> '');
