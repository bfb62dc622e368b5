-- Time rules may count their minutes in business time (crm.automation.business-hours) instead of calendar time.
ALTER TABLE time_rule ADD COLUMN business_time boolean NOT NULL DEFAULT false;
