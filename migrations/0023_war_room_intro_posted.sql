-- The war room's first message is posted once. Slack's chat.postMessage has no
-- idempotency key, so the step keeps, right after Slack answered, that it posted
-- it; a retry of the step (a failure after the post, a worker that died before
-- its outcome was committed) goes on without posting it again.
ALTER TABLE incidents ADD COLUMN war_room_intro_posted_at timestamptz;
