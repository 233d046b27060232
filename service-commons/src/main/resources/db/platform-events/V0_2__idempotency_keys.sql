-- Responses to writes sent with an Idempotency-Key header: a retry with the same key gets the
-- stored response instead of doing the write again (see org.wsis.commons.idempotency).
CREATE TABLE idempotency_key (
    scope            TEXT        NOT NULL,     -- the operation, e.g. 'entries.create'
    caller           TEXT        NOT NULL,     -- token subject: keys are per caller
    idempotency_key  TEXT        NOT NULL,
    request_hash     TEXT        NOT NULL,     -- the same key with another body is refused
    response_status  INT,
    response_body    TEXT,
    location         TEXT,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (scope, caller, idempotency_key)
);
CREATE INDEX idempotency_key_created ON idempotency_key (created_at);
