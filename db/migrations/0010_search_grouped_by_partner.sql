-- Search among many partners (issue 19, cost as work grows): the trigram index
-- becomes contentless, its rowid the customer's partner times 2^32 plus the
-- customer's id, so that each partner's customers sit together in every
-- doclist. A search reads its partner's range of rowids alone, and stops at
-- its end, instead of every partner's matches
-- (app/models/customer-search.server.ts; docs/decisions/0032-search-grouped-by-partner.md).
-- Contentless, since an external content table must share the index's
-- rowids; the text stays once, in customers.search_text.
DROP TRIGGER `customers_search_after_insert`;--> statement-breakpoint
DROP TRIGGER `customers_search_after_delete`;--> statement-breakpoint
DROP TRIGGER `customers_search_after_update`;--> statement-breakpoint
DROP TABLE `customer_search`;--> statement-breakpoint
CREATE VIRTUAL TABLE `customer_search` USING fts5(
  `search_text`,
  content='',
  tokenize='trigram remove_diacritics 1'
);
--> statement-breakpoint
INSERT INTO `customer_search` (rowid, `search_text`)
  SELECT `partner_id` * 4294967296 + `id`, `search_text` FROM `customers`;
--> statement-breakpoint
CREATE TRIGGER `customers_search_after_insert` AFTER INSERT ON `customers` BEGIN
  INSERT INTO `customer_search` (rowid, `search_text`) VALUES (new.`partner_id` * 4294967296 + new.`id`, new.`search_text`);
END;
--> statement-breakpoint
CREATE TRIGGER `customers_search_after_delete` AFTER DELETE ON `customers` BEGIN
  INSERT INTO `customer_search` (`customer_search`, rowid, `search_text`)
    VALUES ('delete', old.`partner_id` * 4294967296 + old.`id`, old.`search_text`);
END;
--> statement-breakpoint
CREATE TRIGGER `customers_search_after_update` AFTER UPDATE OF `search_text`, `partner_id` ON `customers` BEGIN
  INSERT INTO `customer_search` (`customer_search`, rowid, `search_text`)
    VALUES ('delete', old.`partner_id` * 4294967296 + old.`id`, old.`search_text`);
  INSERT INTO `customer_search` (rowid, `search_text`) VALUES (new.`partner_id` * 4294967296 + new.`id`, new.`search_text`);
END;
