-- ticket-service owns these values and their limits (a language tag may be up to 35 characters): keep whatever
-- its events carry, so a long value never stops the consumer.
ALTER TABLE rule_ticket ALTER COLUMN category TYPE text, ALTER COLUMN language TYPE text, ALTER COLUMN channel TYPE text;
