-- Refused actions are kept as they were recorded.
CREATE TRIGGER access_denials_no_update BEFORE UPDATE ON access_denials
BEGIN
  SELECT RAISE(ABORT, 'access_denials are append-only');
END;
--> statement-breakpoint
CREATE TRIGGER access_denials_no_delete BEFORE DELETE ON access_denials
BEGIN
  SELECT RAISE(ABORT, 'access_denials are append-only');
END;
