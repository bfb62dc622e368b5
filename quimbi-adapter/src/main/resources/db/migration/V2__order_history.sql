-- Orders from integration.order_synced (Shopify, via integration-service): the newest copy of each order.
-- customer_activity's order_count / total_spent / first / last order are recomputed from it for every customer
-- key the order's e-mail belongs to (tickets' customer_email), so churn and LTV see real orders.
CREATE TABLE order_history (
    shop               varchar(255)  NOT NULL,
    order_id           varchar(64)   NOT NULL,
    name               varchar(64)   NOT NULL,
    shopify_customer_id varchar(64),
    customer_email     varchar(320),                -- lower-case
    created_at         timestamptz   NOT NULL,
    updated_at         timestamptz   NOT NULL,
    cancelled_at       timestamptz,
    financial_status   varchar(40),
    fulfillment_status varchar(40),
    total_amount       numeric(19,4),
    currency           varchar(3),
    tracking_company   varchar(255),
    tracking_number    varchar(255),
    tracking_url       varchar(2048),
    PRIMARY KEY (shop, order_id)
);
CREATE INDEX order_history_email_idx ON order_history (customer_email, created_at DESC);
ALTER TABLE customer_activity ALTER COLUMN total_spent TYPE numeric(19,4);
