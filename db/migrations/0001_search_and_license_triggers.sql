-- Search (F2): a trigram full-text index over customers.search_text, which the
-- model writes lower-cased and without accents. remove_diacritics also folds
-- the query's accents. External content: the text is stored once, in customers.
CREATE VIRTUAL TABLE `customer_search` USING fts5(
  `search_text`,
  content='customers',
  content_rowid='id',
  tokenize='trigram remove_diacritics 1'
);
--> statement-breakpoint
CREATE TRIGGER `customers_search_after_insert` AFTER INSERT ON `customers` BEGIN
  INSERT INTO `customer_search` (rowid, `search_text`) VALUES (new.`id`, new.`search_text`);
END;
--> statement-breakpoint
CREATE TRIGGER `customers_search_after_delete` AFTER DELETE ON `customers` BEGIN
  INSERT INTO `customer_search` (`customer_search`, rowid, `search_text`)
    VALUES ('delete', old.`id`, old.`search_text`);
END;
--> statement-breakpoint
CREATE TRIGGER `customers_search_after_update` AFTER UPDATE OF `search_text` ON `customers` BEGIN
  INSERT INTO `customer_search` (`customer_search`, rowid, `search_text`)
    VALUES ('delete', old.`id`, old.`search_text`);
  INSERT INTO `customer_search` (rowid, `search_text`) VALUES (new.`id`, new.`search_text`);
END;
--> statement-breakpoint
-- Sort by nearest license end (F1): customers.next_license_end_at is the
-- earliest end date of the customer's licenses that are not revoked, kept
-- here so that no code path can forget it.
CREATE TRIGGER `licenses_next_end_after_insert` AFTER INSERT ON `licenses` BEGIN
  UPDATE `customers` SET `next_license_end_at` = (
    SELECT min(`ends_at`) FROM `licenses` WHERE `customer_id` = new.`customer_id` AND `revoked` = 0
  ) WHERE `id` = new.`customer_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `licenses_next_end_after_update` AFTER UPDATE OF `ends_at`, `revoked`, `customer_id` ON `licenses` BEGIN
  UPDATE `customers` SET `next_license_end_at` = (
    SELECT min(`ends_at`) FROM `licenses` WHERE `customer_id` = new.`customer_id` AND `revoked` = 0
  ) WHERE `id` = new.`customer_id`;
  UPDATE `customers` SET `next_license_end_at` = (
    SELECT min(`ends_at`) FROM `licenses` WHERE `customer_id` = old.`customer_id` AND `revoked` = 0
  ) WHERE `id` = old.`customer_id` AND old.`customer_id` != new.`customer_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `licenses_next_end_after_delete` AFTER DELETE ON `licenses` BEGIN
  UPDATE `customers` SET `next_license_end_at` = (
    SELECT min(`ends_at`) FROM `licenses` WHERE `customer_id` = old.`customer_id` AND `revoked` = 0
  ) WHERE `id` = old.`customer_id`;
END;
