CREATE TABLE `activities` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`partner_id` integer NOT NULL,
	`customer_id` integer,
	`actor_user_id` integer,
	`kind` text NOT NULL,
	`before` text,
	`after` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `activities_partner_created_idx` ON `activities` (`partner_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `activities_customer_created_idx` ON `activities` (`customer_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `approval_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`customer_id` integer NOT NULL,
	`requested_by_user_id` integer NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`expires_at` integer NOT NULL,
	`answered_by_user_id` integer,
	`answered_at` integer,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`requested_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`answered_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "approval_requests_status" CHECK(status in ('pending', 'approved', 'refused', 'expired'))
);
--> statement-breakpoint
CREATE INDEX `approval_requests_customer_created_idx` ON `approval_requests` (`customer_id`,`created_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `approval_requests_one_pending_idx` ON `approval_requests` (`customer_id`) WHERE status = 'pending';--> statement-breakpoint
CREATE TABLE `crm_outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`customer_id` integer NOT NULL,
	`kind` text NOT NULL,
	`payload` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`last_error` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`delivered_at` integer,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "crm_outbox_status" CHECK(status in ('pending', 'delivered', 'failed', 'superseded'))
);
--> statement-breakpoint
CREATE INDEX `crm_outbox_status_next_idx` ON `crm_outbox` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `crm_outbox_customer_idx` ON `crm_outbox` (`customer_id`,`id`);--> statement-breakpoint
CREATE TABLE `customer_groups` (
	`customer_id` integer NOT NULL,
	`group_id` integer NOT NULL,
	PRIMARY KEY(`customer_id`, `group_id`),
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `customer_groups_group_idx` ON `customer_groups` (`group_id`,`customer_id`);--> statement-breakpoint
CREATE TABLE `customers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`partner_id` integer NOT NULL,
	`legal_name` text NOT NULL,
	`display_name` text DEFAULT '' NOT NULL,
	`sort_name` text NOT NULL,
	`search_text` text NOT NULL,
	`billing_type` text NOT NULL,
	`managed_order` integer DEFAULT false NOT NULL,
	`trial_started_by` text,
	`data_geography` text NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`link_state` text DEFAULT 'linked' NOT NULL,
	`unlink_scheduled_for` integer,
	`unlinked_at` integer,
	`partner_assistance` integer DEFAULT false NOT NULL,
	`partner_assistance_reason` text,
	`partner_assistance_since` integer,
	`next_license_end_at` integer,
	`version` integer DEFAULT 1 NOT NULL,
	`contact_first_name` text DEFAULT '' NOT NULL,
	`contact_last_name` text DEFAULT '' NOT NULL,
	`contact_email` text DEFAULT '' NOT NULL,
	`contact_phone` text DEFAULT '' NOT NULL,
	`address_line1` text DEFAULT '' NOT NULL,
	`address_line2` text DEFAULT '' NOT NULL,
	`city` text DEFAULT '' NOT NULL,
	`region` text DEFAULT '' NOT NULL,
	`postal_code` text DEFAULT '' NOT NULL,
	`country` text DEFAULT '' NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "customers_display_name_length" CHECK(length("customers"."display_name") <= 100),
	CONSTRAINT "customers_version_positive" CHECK("customers"."version" >= 1),
	CONSTRAINT "customers_unlink_date" CHECK(("customers"."link_state" = 'unlink_scheduled') = ("customers"."unlink_scheduled_for" is not null)),
	CONSTRAINT "customers_assistance_reason" CHECK(("customers"."partner_assistance" = 1) = ("customers"."partner_assistance_reason" is not null))
);
--> statement-breakpoint
CREATE INDEX `customers_partner_sort_name_idx` ON `customers` (`partner_id`,`sort_name`);--> statement-breakpoint
CREATE INDEX `customers_partner_billing_sort_name_idx` ON `customers` (`partner_id`,`billing_type`,`sort_name`);--> statement-breakpoint
CREATE INDEX `customers_partner_next_end_idx` ON `customers` (`partner_id`,`next_license_end_at`);--> statement-breakpoint
CREATE INDEX `customers_partner_assistance_idx` ON `customers` (`partner_id`,`partner_assistance`);--> statement-breakpoint
CREATE INDEX `customers_unlink_scheduled_idx` ON `customers` (`link_state`,`unlink_scheduled_for`);--> statement-breakpoint
CREATE TABLE `early_access_programs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`description` text NOT NULL,
	`accepts_flex` integer DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `early_access_programs_name_unique` ON `early_access_programs` (`name`);--> statement-breakpoint
CREATE TABLE `groups` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`partner_id` integer NOT NULL,
	`name` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "groups_name_length" CHECK(length("groups"."name") between 1 and 60)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `groups_partner_name_idx` ON `groups` (`partner_id`,`name`);--> statement-breakpoint
CREATE TABLE `licenses` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`customer_id` integer NOT NULL,
	`product` text NOT NULL,
	`category` text NOT NULL,
	`type` text NOT NULL,
	`quantity` integer NOT NULL,
	`usage` integer DEFAULT 0 NOT NULL,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`revoked` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "licenses_quantity" CHECK("licenses"."quantity" >= 0 and "licenses"."usage" >= 0),
	CONSTRAINT "licenses_dates" CHECK("licenses"."ends_at" >= "licenses"."starts_at"),
	CONSTRAINT "licenses_category" CHECK(category in ('Endpoint', 'Server', 'Email', 'Firewall', 'Mobile', 'Encryption', 'Wireless', 'ZTNA', 'MDR', 'Cloud')),
	CONSTRAINT "licenses_type" CHECK(type in ('trial', 'term', 'usage'))
);
--> statement-breakpoint
CREATE INDEX `licenses_customer_end_idx` ON `licenses` (`customer_id`,`ends_at`);--> statement-breakpoint
CREATE TABLE `partners` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`flex_msp` integer DEFAULT false NOT NULL,
	`flex_connect` integer DEFAULT false NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `program_enrolments` (
	`program_id` integer NOT NULL,
	`customer_id` integer NOT NULL,
	`enrolled_by_user_id` integer,
	`enrolled_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	PRIMARY KEY(`program_id`, `customer_id`),
	FOREIGN KEY (`program_id`) REFERENCES `early_access_programs`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`enrolled_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`data` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`absolute_expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `sessions_expires_idx` ON `sessions` (`expires_at`);--> statement-breakpoint
CREATE TABLE `sign_in_throttles` (
	`key` text PRIMARY KEY NOT NULL,
	`failures` integer DEFAULT 0 NOT NULL,
	`window_started_at` integer NOT NULL,
	`blocked_until` integer
);
--> statement-breakpoint
CREATE TABLE `user_designated_customers` (
	`user_id` integer NOT NULL,
	`customer_id` integer NOT NULL,
	PRIMARY KEY(`user_id`, `customer_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `user_designated_groups` (
	`user_id` integer NOT NULL,
	`group_id` integer NOT NULL,
	PRIMARY KEY(`user_id`, `group_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`password_hash` text NOT NULL,
	`kind` text NOT NULL,
	`partner_id` integer,
	`role` text,
	`designated_all` integer DEFAULT false NOT NULL,
	`customer_id` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "users_email_lowercase" CHECK("users"."email" = lower("users"."email")),
	CONSTRAINT "users_kind_columns" CHECK(("users"."kind" = 'partner' and "users"."partner_id" is not null and "users"."role" is not null and "users"."customer_id" is null)
       or ("users"."kind" = 'customer' and "users"."customer_id" is not null and "users"."partner_id" is null and "users"."role" is null)),
	CONSTRAINT "users_role" CHECK(role in ('super_admin', 'admin', 'help_desk', 'read_only'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_idx` ON `users` (`email`);--> statement-breakpoint
CREATE INDEX `users_partner_idx` ON `users` (`partner_id`);--> statement-breakpoint
CREATE INDEX `users_customer_idx` ON `users` (`customer_id`);