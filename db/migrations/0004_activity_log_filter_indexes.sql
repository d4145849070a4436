-- The activity log (F16) filtered by kind or by user: without these, a filtered
-- page and its count read every entry of the partner (100,000 in the benchmark)
-- to test the column; with them, only the matching ones (docs/performance.md).
CREATE INDEX `activities_partner_kind_created_idx` ON `activities` (`partner_id`,`kind`,`created_at`);--> statement-breakpoint
CREATE INDEX `activities_partner_actor_created_idx` ON `activities` (`partner_id`,`actor_user_id`,`created_at`);