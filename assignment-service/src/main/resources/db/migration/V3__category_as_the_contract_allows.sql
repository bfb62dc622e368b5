-- ticket-service accepts categories of up to 64 characters (ticket.updated changes.category) while this column
-- held 32: such a ticket.updated failed here and was parked in the DLT. Every column of the read models must
-- hold every value its event's contract allows (docs/events.md).
ALTER TABLE ticket ALTER COLUMN category TYPE varchar(64);
