/** The tables of the webhooks file (webhook-outbox.ts); created once, on first use. */
export const OUTBOX_SCHEMA = `
  CREATE TABLE IF NOT EXISTS checkpoint (position INTEGER NOT NULL) STRICT;
  INSERT INTO checkpoint (position) SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM checkpoint);
  CREATE TABLE IF NOT EXISTS subscriptions (
    subscription_id     TEXT PRIMARY KEY,
    url                 TEXT NOT NULL,
    event_kinds         TEXT NOT NULL,
    unit_id             TEXT,
    description         TEXT NOT NULL,
    status              TEXT NOT NULL CHECK (status IN ('active', 'disabled')),
    registered_at       TEXT NOT NULL,
    registered_event_id TEXT NOT NULL,
    disabled_at         TEXT,
    disabled_reason     TEXT
  ) STRICT;
  CREATE TABLE IF NOT EXISTS new_secrets (fingerprint TEXT PRIMARY KEY, secret TEXT NOT NULL) STRICT;
  CREATE TABLE IF NOT EXISTS secrets (subscription_id TEXT PRIMARY KEY, secret TEXT NOT NULL) STRICT;
  CREATE TABLE IF NOT EXISTS units (unit_id TEXT PRIMARY KEY, parent_id TEXT, merged_into TEXT) STRICT;
  CREATE TABLE IF NOT EXISTS case_units (case_id TEXT PRIMARY KEY, unit_id TEXT NOT NULL) STRICT;
  CREATE TABLE IF NOT EXISTS deliveries (
    delivery_id      INTEGER PRIMARY KEY,
    subscription_id  TEXT    NOT NULL,
    webhook_id       TEXT    NOT NULL,
    event_kind       TEXT    NOT NULL,
    body             TEXT    NOT NULL,
    status           TEXT    NOT NULL CHECK (status IN ('pending', 'delivered', 'failed', 'cancelled')),
    attempts         INTEGER NOT NULL,
    created_at_ms    INTEGER NOT NULL,
    next_attempt_ms  INTEGER NOT NULL,
    last_status_code INTEGER,
    delivered_at_ms  INTEGER,
    UNIQUE (subscription_id, webhook_id)
  ) STRICT;
  CREATE INDEX IF NOT EXISTS deliveries_due ON deliveries (status, next_attempt_ms);
  CREATE TABLE IF NOT EXISTS attempts (
    delivery_id INTEGER NOT NULL,
    attempt     INTEGER NOT NULL,
    at_ms       INTEGER NOT NULL,
    status_code INTEGER,
    error       TEXT,
    duration_ms INTEGER NOT NULL,
    PRIMARY KEY (delivery_id, attempt)
  ) STRICT, WITHOUT ROWID;
`;
