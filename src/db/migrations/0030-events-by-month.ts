export const name = 'events-by-month';

// Issue 17 ("Growing past one machine"): raw events are the one table that grows without end. It
// is now partitioned by RANGE on the month of `timestamp` (UTC months), so old months can be dropped
// whole (retention: DETACH + DROP, no DELETE of millions of rows, no bloat) and each month's
// indexes stay the size of a month.
//
// Why `timestamp` (when the event happened) and not `received_at` (when it arrived): every report
// and rollup reads events by `timestamp` (windows, "before the sale", timelines), so a one-month
// query touches one partition; retention then means "events that happened more than N months ago",
// which is what a person setting it means, and imported history lands in its own months instead
// of in the month it was imported. Partitions therefore do not fill strictly in order: late and
// imported events land in older ones, which is fine for RANGE partitions.
//
// A DEFAULT partition catches any month without its own partition, so an insert never fails for
// want of a partition; `events_ensure_partition` (run by the daily maintenance job for the months
// ahead and for whatever sits in the default) moves a month out of the default into its own table.
//
// Dedup: a unique key on a partitioned table must include the partition key, so
// (write_key_id, message_id) can no longer be a unique index on events: the same messageId sent at
// 23:59 on the 31st and again at 00:01 on the 1st would land in two partitions. It lives in a small
// unpartitioned table, event_message_ids, claimed by a BEFORE INSERT trigger in the inserting
// statement itself (a retry waits on the first writer's claim like it waited on the unique index,
// and a duplicate row is skipped like ON CONFLICT DO NOTHING skipped it); deleting events releases
// their ids as dropping the row released the index entry. Retention removes a dropped month's ids.
//
// The primary key becomes (id, timestamp); ids keep coming from the same identity sequence, which
// carries on after the last id.

/** Every column of events, in order (kept from migration 0003). */
const columns = `id, write_key_id, message_id, type, event, user_id, anonymous_id, group_id, previous_id, contact_id,
  timestamp, original_timestamp, sent_at, received_at, traits, properties, context, channel, source, medium, campaign,
  campaign_id, asset_id, processed_at, process_error`;

export const sql = /* sql */ `
ALTER TABLE events RENAME TO events_unpartitioned;
DROP TRIGGER contact_actions_insert ON events_unpartitioned;
DROP TRIGGER contact_actions_update ON events_unpartitioned;
DROP TRIGGER contact_actions_delete ON events_unpartitioned;
ALTER TABLE events_unpartitioned DROP CONSTRAINT events_pkey;
ALTER SEQUENCE events_id_seq RENAME TO events_unpartitioned_id_seq;
DROP INDEX events_unprocessed_idx, events_message_idx, events_contact_idx, events_anonymous_idx, events_asset_idx, events_campaign_idx, events_time_idx;

CREATE TABLE events (
  id                 bigint GENERATED ALWAYS AS IDENTITY,
  write_key_id       bigint NOT NULL REFERENCES write_keys(id),
  message_id         text NOT NULL,
  type               text NOT NULL CHECK (type IN ('identify','track','page','screen','group','alias')),
  event              text,
  user_id            text,
  anonymous_id       text,
  group_id           text,
  previous_id        text,
  contact_id         bigint REFERENCES contacts(id) ON DELETE CASCADE,
  timestamp          timestamptz NOT NULL,
  original_timestamp timestamptz,
  sent_at            timestamptz,
  received_at        timestamptz NOT NULL,
  traits             jsonb NOT NULL DEFAULT '{}',
  properties         jsonb NOT NULL DEFAULT '{}',
  context            jsonb NOT NULL DEFAULT '{}',
  channel            text,
  source             text,
  medium             text,
  campaign           text,
  campaign_id        bigint REFERENCES campaigns(id) ON DELETE SET NULL,
  asset_id           bigint REFERENCES assets(id) ON DELETE SET NULL,
  processed_at       timestamptz,
  process_error      text,
  PRIMARY KEY (id, timestamp)
) PARTITION BY RANGE (timestamp);
CREATE TABLE events_default PARTITION OF events DEFAULT;

CREATE INDEX events_unprocessed_idx ON events (id) WHERE processed_at IS NULL;
CREATE INDEX events_contact_idx ON events (contact_id, timestamp) WHERE contact_id IS NOT NULL;
CREATE INDEX events_anonymous_idx ON events (anonymous_id) WHERE anonymous_id IS NOT NULL;
CREATE INDEX events_asset_idx ON events (asset_id, timestamp) WHERE asset_id IS NOT NULL;
CREATE INDEX events_campaign_idx ON events (campaign_id, timestamp) WHERE campaign_id IS NOT NULL;
CREATE INDEX events_time_idx ON events (timestamp);

-- Segment's idempotency rule (one messageId is one event, however often it is retried), across partitions.
CREATE TABLE event_message_ids (
  write_key_id bigint NOT NULL,
  message_id   text NOT NULL,
  PRIMARY KEY (write_key_id, message_id)
);

CREATE FUNCTION events_claim_message_id() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO event_message_ids (write_key_id, message_id) VALUES (NEW.write_key_id, NEW.message_id) ON CONFLICT DO NOTHING;
  IF FOUND THEN RETURN NEW; END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER events_claim_message_id BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION events_claim_message_id();

CREATE FUNCTION events_release_message_ids() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM event_message_ids m USING old_events o WHERE m.write_key_id = o.write_key_id AND m.message_id = o.message_id;
  RETURN NULL;
END $$;
CREATE TRIGGER events_release_message_ids AFTER DELETE ON events REFERENCING OLD TABLE AS old_events
  FOR EACH STATEMENT EXECUTE FUNCTION events_release_message_ids();

-- The partition of the UTC month holding \`at\`, created if missing, with that month's rows moved
-- out of the default partition (ATTACH refuses while the default holds rows of the range). The
-- rows go in before the table is attached, so the row triggers (message-id claim) do not see them
-- again, and statement triggers on events do not fire: the rollups see no change. Returns its name.
CREATE FUNCTION events_ensure_partition(at timestamptz) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  lo   timestamp := date_trunc('month', at AT TIME ZONE 'UTC');
  hi   timestamp := date_trunc('month', at AT TIME ZONE 'UTC') + interval '1 month';
  part text := 'events_y' || to_char(date_trunc('month', at AT TIME ZONE 'UTC'), 'YYYY"m"MM');
  moved bigint;
BEGIN
  IF to_regclass(quote_ident(part)) IS NOT NULL THEN RETURN part; END IF;
  -- Two instances (or the job and a migration) creating the same month: the second waits, then finds it.
  -- The pipeline's lock (src/db/advisory-lock.ts: its key and this installation's schema).
  PERFORM pg_advisory_xact_lock(727275, hashtext(current_schema()));
  IF to_regclass(quote_ident(part)) IS NOT NULL THEN RETURN part; END IF;
  LOCK TABLE events_default IN SHARE ROW EXCLUSIVE MODE;
  EXECUTE format('CREATE TABLE %I (LIKE events INCLUDING DEFAULTS INCLUDING CONSTRAINTS)', part);
  EXECUTE format('INSERT INTO %I SELECT * FROM events_default WHERE timestamp >= $1 AND timestamp < $2', part)
    USING lo AT TIME ZONE 'UTC', hi AT TIME ZONE 'UTC';
  GET DIAGNOSTICS moved = ROW_COUNT;
  IF moved > 0 THEN
    DELETE FROM events_default WHERE timestamp >= lo AT TIME ZONE 'UTC' AND timestamp < hi AT TIME ZONE 'UTC';
  END IF;
  EXECUTE format('ALTER TABLE events ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)', part,
                 to_char(lo, 'YYYY-MM-DD') || ' 00:00:00+00', to_char(hi, 'YYYY-MM-DD') || ' 00:00:00+00');
  RETURN part;
END $$;

-- The existing rows: their months (and this month and the next two) get partitions first, then the
-- rows go in with their ids, through the parent, so their message ids are claimed once each. The
-- rollup triggers come after: contact_actions already holds these rows.
SELECT events_ensure_partition(m)
  FROM (SELECT DISTINCT date_trunc('month', timestamp AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS m FROM events_unpartitioned
        UNION SELECT now() + make_interval(months => k) FROM generate_series(0, 2) k) months
 ORDER BY 1;
INSERT INTO events (${columns}) OVERRIDING SYSTEM VALUE SELECT ${columns} FROM events_unpartitioned ORDER BY id;
SELECT setval(pg_get_serial_sequence('events', 'id'), last_value, is_called) FROM events_unpartitioned_id_seq;
DROP TABLE events_unpartitioned;

-- The rollup triggers of migration 0007 (with 0023's plan setting, which sits on the functions).
CREATE TRIGGER contact_actions_insert AFTER INSERT ON events REFERENCING NEW TABLE AS new_events
  FOR EACH STATEMENT EXECUTE FUNCTION contact_actions_on_insert();
CREATE TRIGGER contact_actions_update AFTER UPDATE ON events REFERENCING OLD TABLE AS old_events NEW TABLE AS new_events
  FOR EACH STATEMENT EXECUTE FUNCTION contact_actions_on_update();
CREATE TRIGGER contact_actions_delete AFTER DELETE ON events REFERENCING OLD TABLE AS old_events
  FOR EACH STATEMENT EXECUTE FUNCTION contact_actions_on_delete();
ANALYZE events;
`;
