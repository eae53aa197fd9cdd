-- POST /auth/change-password: when a user's password last changed. Access tokens
-- (JWTs) issued before that second are refused, so changing a password cuts off
-- whoever holds an older token. NULL: never changed.
ALTER TABLE users ADD COLUMN password_changed_at timestamptz;
