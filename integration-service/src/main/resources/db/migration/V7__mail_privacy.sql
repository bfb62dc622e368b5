-- customer.redacted erases a customer's mail: the sender of each inbound mail is remembered as the SHA-256 of its
-- lower-case address (what ticket-service announces as emailSha256), so a mail is found even before it was processed.
ALTER TABLE inbound_mail ADD COLUMN sender_sha256 varchar(64);
CREATE INDEX inbound_mail_sender ON inbound_mail (sender_sha256);

-- an agent's reply keeps the files message.added names ({name, contentType, size, url} as JSON), attached when sent
ALTER TABLE outbound_mail ADD COLUMN attachments text;
