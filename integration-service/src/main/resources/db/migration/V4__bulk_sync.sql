-- Sync jobs choose how they read a shop: cursor pages, or (large shops) one bulk operation whose JSONL result is
-- applied a chunk per transaction, the line reached committed with the chunk, so a crash resumes after it.
ALTER TABLE sync_job
    ADD COLUMN mode              varchar(8),     -- pages | bulk; NULL until the customer count decides
    ADD COLUMN bulk_operation_id varchar(255),   -- gid://shopify/BulkOperation/…
    ADD COLUMN bulk_url          text,           -- the signed JSONL address once the operation completed
    ADD COLUMN bulk_line         bigint NOT NULL DEFAULT 0;  -- lines of that file already applied
