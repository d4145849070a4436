-- The license status filter (F3) probes a customer's licenses that are not revoked
-- (app/models/customer-list.server.ts). Partial on exactly the probe's term
-- `revoked = 0`, so the probe is answered by the index alone instead of reading each
-- license row for its revoked flag (docs/performance.md). The term must stay literal
-- in both places.
CREATE INDEX `licenses_customer_live_end_idx` ON `licenses` (`customer_id`,`ends_at`) WHERE revoked = 0;
