-- Written by hand (Prisma cannot express triggers), for PostgreSQL only: SQLite has no
-- notifications. See the add_order_counts migration for why every semicolon in a function body
-- is written \073.
-- A session that ends (sign-out, removal, expiry clean-up) or a token revoked or removed, by
-- any instance, script or plain SQL, wakes every app instance on the connection that carries
-- its order events, so open streams with that credential end at once instead of at their next
-- re-check. Per row, so a clean-up that deleted nothing wakes no one and "last used" updates
-- never do. The identical notifications of one transaction are delivered once.
CREATE FUNCTION "access_changes_notify"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  PERFORM pg_notify(''access_changes'', '''')\073
  RETURN NULL\073
END
';

CREATE TRIGGER "sessions_access_delete" AFTER DELETE ON "sessions"
FOR EACH ROW EXECUTE FUNCTION "access_changes_notify"();

CREATE TRIGGER "api_tokens_access_delete" AFTER DELETE ON "api_tokens"
FOR EACH ROW EXECUTE FUNCTION "access_changes_notify"();

CREATE TRIGGER "api_tokens_access_revoke" AFTER UPDATE OF "revoke_time" ON "api_tokens"
FOR EACH ROW WHEN (OLD."revoke_time" IS DISTINCT FROM NEW."revoke_time")
EXECUTE FUNCTION "access_changes_notify"();
