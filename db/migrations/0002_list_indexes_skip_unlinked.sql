-- The list's indexes become partial on the scope's term link_state != 'unlinked'
-- (app/models/scope.server.ts): the list's count, and the rows an OFFSET skips, are then
-- read from the index alone instead of from every customer row (docs/performance.md).
DROP INDEX `customers_partner_sort_name_idx`;--> statement-breakpoint
DROP INDEX `customers_partner_billing_sort_name_idx`;--> statement-breakpoint
DROP INDEX `customers_partner_next_end_idx`;--> statement-breakpoint
CREATE INDEX `customers_partner_sort_name_idx` ON `customers` (`partner_id`,`sort_name`) WHERE link_state != 'unlinked';--> statement-breakpoint
CREATE INDEX `customers_partner_billing_sort_name_idx` ON `customers` (`partner_id`,`billing_type`,`sort_name`) WHERE link_state != 'unlinked';--> statement-breakpoint
CREATE INDEX `customers_partner_next_end_idx` ON `customers` (`partner_id`,`next_license_end_at`) WHERE link_state != 'unlinked';