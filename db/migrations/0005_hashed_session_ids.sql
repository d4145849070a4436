-- Sessions are kept under the SHA-256 of their id, no longer under the id
-- itself, so a copy of the database hands out no live session
-- (docs/decisions/0002-sessions-and-sign-in.md). SQLite cannot hash the ids
-- already stored, so the sessions of before are dropped with their table: each
-- browser is asked to sign in once more ("Your session has ended").
DROP TABLE `sessions`;--> statement-breakpoint
CREATE TABLE `sessions` (
	`id_hash` text PRIMARY KEY NOT NULL,
	`data` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`absolute_expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `sessions_expires_idx` ON `sessions` (`expires_at`);--> statement-breakpoint
-- The sweep of sign-in throttle rows whose window and wait are over
-- (app/models/sign-in-throttles.server.ts).
CREATE INDEX `sign_in_throttles_window_idx` ON `sign_in_throttles` (`window_started_at`);
