-- What a shop sync (integration.customer_synced) says about a customer. Sized for everything the contract allows:
-- up to 250 tags of up to 255 characters (text[]), an order count within int, an amount of up to 15 integer and
-- 4 decimal digits. The amount is unconstrained numeric on purpose: it keeps the scale the shop sent ("199.00").
ALTER TABLE customer
    ADD COLUMN shop_tags         text[]  NOT NULL DEFAULT '{}',
    ADD COLUMN shop_orders_count integer CHECK (shop_orders_count >= 0),
    ADD COLUMN shop_total_spent  numeric CHECK (shop_total_spent >= 0),
    ADD COLUMN shop_currency     varchar(3),
    ADD CONSTRAINT customer_shop_spent_has_currency CHECK ((shop_total_spent IS NULL) = (shop_currency IS NULL));
