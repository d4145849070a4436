-- Issue 20, "Your team" (docs/decisions/0023-users-and-second-factor.md): users get
-- first and last names, a status (invited, active, deactivated), who invited them,
-- their last sign-in, their language and a "set up a second factor" flag; new
-- tables for invitations, password resets, second factors, recovery codes and the
-- mail outbox; partners get "Require a second factor for every user"; activities
-- name the user a change is about.
CREATE TABLE `invitations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`partner_id` integer NOT NULL,
	`invited_by_user_id` integer,
	`selector` text,
	`verifier_hash` text,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`spent_at` integer,
	`revoked_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`invited_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `invitations_selector_idx` ON `invitations` (`selector`);--> statement-breakpoint
CREATE INDEX `invitations_user_idx` ON `invitations` (`user_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `mail_outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`partner_id` integer NOT NULL,
	`user_id` integer,
	`kind` text NOT NULL,
	`to_address` text NOT NULL,
	`locale` text NOT NULL,
	`payload` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`last_error` text,
	`created_at` integer NOT NULL,
	`delivered_at` integer,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "mail_outbox_status" CHECK(status in ('pending', 'delivered', 'failed', 'superseded')),
	CONSTRAINT "mail_outbox_kind" CHECK(kind in ('invitation', 'passwordReset'))
);
--> statement-breakpoint
CREATE INDEX `mail_outbox_status_next_idx` ON `mail_outbox` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `mail_outbox_partner_status_idx` ON `mail_outbox` (`partner_id`,`status`);--> statement-breakpoint
CREATE TABLE `password_resets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`selector` text,
	`verifier_hash` text,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`spent_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `password_resets_selector_idx` ON `password_resets` (`selector`);--> statement-breakpoint
CREATE INDEX `password_resets_user_idx` ON `password_resets` (`user_id`);--> statement-breakpoint
CREATE TABLE `recovery_codes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`code_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	`used_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `recovery_codes_user_hash_idx` ON `recovery_codes` (`user_id`,`code_hash`);--> statement-breakpoint
CREATE TABLE `second_factors` (
	`user_id` integer PRIMARY KEY NOT NULL,
	`secret_sealed` text NOT NULL,
	`created_at` integer NOT NULL,
	`enabled_at` integer,
	`last_used_step` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
-- drizzle-kit leaves out the ON DELETE of an added column's reference: written by hand,
-- so deleting a cancelled invitation's user keeps its activity (the name stays in before/after).
ALTER TABLE `activities` ADD `subject_user_id` integer REFERENCES users(id) ON DELETE SET NULL;--> statement-breakpoint
CREATE INDEX `activities_subject_created_idx` ON `activities` (`subject_user_id`,`created_at`);--> statement-breakpoint
ALTER TABLE `partners` ADD `require_second_factor` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `first_name` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `last_name` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `status` text DEFAULT 'active' NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `invited_by_user_id` integer REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `users` ADD `invited_at` integer;--> statement-breakpoint
ALTER TABLE `users` ADD `deactivated_at` integer;--> statement-breakpoint
ALTER TABLE `users` ADD `last_sign_in_at` integer;--> statement-breakpoint
ALTER TABLE `users` ADD `locale` text;--> statement-breakpoint
ALTER TABLE `users` ADD `second_factor_setup_required` integer DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX `users_partner_status_name_idx` ON `users` (`partner_id`,`status`,`name`);--> statement-breakpoint
-- Existing users' names split once at the first space: "Nadia Super" -> Nadia, Super.
UPDATE `users` SET
	`first_name` = CASE WHEN instr(trim(`name`), ' ') > 0 THEN substr(trim(`name`), 1, instr(trim(`name`), ' ') - 1) ELSE trim(`name`) END,
	`last_name` = CASE WHEN instr(trim(`name`), ' ') > 0 THEN trim(substr(trim(`name`), instr(trim(`name`), ' ') + 1)) ELSE '' END;
