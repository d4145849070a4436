-- Issue 21, the Partner API (docs/decisions/0028-partner-api.md, 0029-api-tokens-and-rate-limit.md):
-- API credentials with a role and customer access like a user's (designated_all and two
-- designation tables), their secret as an argon2id hash; access and refresh tokens as
-- selector + SHA-256 of the verifier; a per-credential rate-limit counter shared by every
-- worker; activities name the credential that made an API change.
CREATE TABLE `api_credential_customers` (
	`credential_id` integer NOT NULL,
	`customer_id` integer NOT NULL,
	PRIMARY KEY(`credential_id`, `customer_id`),
	FOREIGN KEY (`credential_id`) REFERENCES `api_credentials`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `api_credential_groups` (
	`credential_id` integer NOT NULL,
	`group_id` integer NOT NULL,
	PRIMARY KEY(`credential_id`, `group_id`),
	FOREIGN KEY (`credential_id`) REFERENCES `api_credentials`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `api_credentials` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`partner_id` integer NOT NULL,
	`name` text NOT NULL,
	`client_id` text NOT NULL,
	`secret_hash` text NOT NULL,
	`role` text NOT NULL,
	`designated_all` integer DEFAULT false NOT NULL,
	`created_by_user_id` integer,
	`created_at` integer NOT NULL,
	`expires_at` integer,
	`last_used_at` integer,
	`deleted_at` integer,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "api_credentials_role" CHECK(role in ('super_admin', 'admin', 'help_desk', 'read_only'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_credentials_client_id_idx` ON `api_credentials` (`client_id`);--> statement-breakpoint
CREATE INDEX `api_credentials_partner_idx` ON `api_credentials` (`partner_id`,`deleted_at`,`created_at`);--> statement-breakpoint
CREATE TABLE `api_rate_limits` (
	`credential_id` integer PRIMARY KEY NOT NULL,
	`window_started_at` integer NOT NULL,
	`requests` integer NOT NULL,
	FOREIGN KEY (`credential_id`) REFERENCES `api_credentials`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `api_tokens` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`credential_id` integer NOT NULL,
	`kind` text NOT NULL,
	`selector` text NOT NULL,
	`verifier_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`credential_id`) REFERENCES `api_credentials`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "api_tokens_kind" CHECK(kind in ('access', 'refresh'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_tokens_selector_idx` ON `api_tokens` (`selector`);--> statement-breakpoint
CREATE INDEX `api_tokens_credential_idx` ON `api_tokens` (`credential_id`);--> statement-breakpoint
ALTER TABLE `activities` ADD `actor_credential_id` integer REFERENCES api_credentials(id);