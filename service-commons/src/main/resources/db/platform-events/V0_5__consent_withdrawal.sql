-- Issue 20: a person withdraws a consent they gave (privacy/Consents.withdraw). The record stays, with when it was
-- withdrawn: that consent was given, and what was done under it before the withdrawal stays lawful; giving the
-- same consent again (a new registration, a new vote) renews the record.
ALTER TABLE consent_record ADD COLUMN withdrawn_at TIMESTAMPTZ;
ALTER TABLE consent_record ADD CONSTRAINT consent_record_withdrawn_after_given CHECK (withdrawn_at IS NULL OR withdrawn_at >= given_at);
