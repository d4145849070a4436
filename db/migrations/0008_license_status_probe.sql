-- The license status filter (F3) probes a customer's licenses that are not revoked
-- (app/models/customer-list.server.ts). Partial on exactly the probe's term
-- `revoked = 0`, so the probe is answered by the index alone instead of reading each
-- license row for its revoked flag (docs/performance.md). The term must stay literal
-- in both places.
CREATE INDEX `licenses_customer_live_end_idx` ON `licenses` (`customer_id`,`ends_at`) WHERE revoked = 0;--> statement-breakpoint
-- The filter's count reads a range of the customers' earliest license ends: the
-- billing type and Partner Assistance filters join that index, so they are checked
-- without reading each customer row.
DROP INDEX `customers_partner_next_end_idx`;--> statement-breakpoint
CREATE INDEX `customers_partner_next_end_idx` ON `customers` (`partner_id`,`next_license_end_at`,`billing_type`,`partner_assistance`) WHERE link_state != 'unlinked';--> statement-breakpoint
-- The list sorted by nearest license end (F1), customers with no license end last in
-- both directions: ORDER BY next_license_end_at IS NULL, next_license_end_at, sort_name,
-- id. One index a direction (the second walked backwards), so a page walks the index
-- in list order and stops after its rows, instead of sorting every matching customer;
-- the billing type and Partner Assistance filters are checked in the index alone.
CREATE INDEX `customers_partner_end_order_asc_idx` ON `customers` (`partner_id`,("next_license_end_at" is null),`next_license_end_at`,`sort_name`,`id`,`billing_type`,`partner_assistance`) WHERE link_state != 'unlinked';--> statement-breakpoint
CREATE INDEX `customers_partner_end_order_desc_idx` ON `customers` (`partner_id`,("next_license_end_at" is null) desc,`next_license_end_at`,`sort_name`,`id`,`billing_type`,`partner_assistance`) WHERE link_state != 'unlinked';
