-- The activity log's count (F16, issue 19): each partner's number of entries,
-- kept by the triggers below in the same transaction as the entry, so the
-- unfiltered log is counted by one row instead of every entry
-- (docs/decisions/0031-activity-log-count.md).
CREATE TABLE `activity_counts` (
	`partner_id` integer PRIMARY KEY NOT NULL,
	`entries` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
DROP INDEX `activities_customer_created_idx`;--> statement-breakpoint
CREATE INDEX `activities_customer_partner_kind_created_idx` ON `activities` (`customer_id`,`partner_id`,`kind`,`created_at`);
--> statement-breakpoint
INSERT INTO `activity_counts` (`partner_id`, `entries`)
  SELECT `partner_id`, count(*) FROM `activities` GROUP BY `partner_id`;
--> statement-breakpoint
CREATE TRIGGER `activities_count_after_insert` AFTER INSERT ON `activities` BEGIN
  INSERT INTO `activity_counts` (`partner_id`, `entries`) VALUES (new.`partner_id`, 1)
    ON CONFLICT (`partner_id`) DO UPDATE SET `entries` = `entries` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `activities_count_after_delete` AFTER DELETE ON `activities` BEGIN
  UPDATE `activity_counts` SET `entries` = `entries` - 1 WHERE `partner_id` = old.`partner_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `activities_count_after_update` AFTER UPDATE OF `partner_id` ON `activities`
  WHEN new.`partner_id` IS NOT old.`partner_id` BEGIN
  UPDATE `activity_counts` SET `entries` = `entries` - 1 WHERE `partner_id` = old.`partner_id`;
  INSERT INTO `activity_counts` (`partner_id`, `entries`) VALUES (new.`partner_id`, 1)
    ON CONFLICT (`partner_id`) DO UPDATE SET `entries` = `entries` + 1;
END;
