-- Shared by every service (shipped in service-commons, listed in quarkus.flyway.locations).

-- Transactional outbox: an event row is written in the same transaction as the state change;
-- OutboxRelay sends it to Kafka afterwards, in seq order, and marks it published.
CREATE TABLE outbox_event (
    seq          BIGSERIAL PRIMARY KEY,
    id           UUID        NOT NULL UNIQUE,           -- the CloudEvent id
    topic        TEXT        NOT NULL,
    message_key  TEXT        NOT NULL,                  -- aggregate id: keeps per-aggregate order
    event_type   TEXT        NOT NULL,
    payload      TEXT        NOT NULL,                  -- the whole CloudEvent, structured JSON
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    published_at TIMESTAMPTZ
);
CREATE INDEX outbox_event_unpublished ON outbox_event (seq) WHERE published_at IS NULL;

-- Inbox: ids of events a consumer has applied, so a redelivered event is applied once.
CREATE TABLE processed_event (
    consumer     TEXT        NOT NULL,
    event_id     TEXT        NOT NULL,
    processed_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);
