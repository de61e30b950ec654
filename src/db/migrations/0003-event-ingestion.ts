// Marketing events as they arrive through the Segment-compatible API. Rows are written once,
// keyed by (write key, messageId), and processed afterwards (identity, channels, visits).
export const name = 'event-ingestion';
export const sql = /* sql */ `
CREATE TABLE write_keys (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name        text NOT NULL,
  key_hash    text NOT NULL UNIQUE,
  created_at  timestamptz NOT NULL DEFAULT now(),
  revoked_at  timestamptz
);

-- Events Revloop records itself (email opens and clicks) carry this key; its hash can match no secret.
INSERT INTO write_keys (name, key_hash) VALUES ('internal', '!internal');

-- Installation-wide settings, e.g. the signing secret generated on first use when REVLOOP_SECRET is unset.
CREATE TABLE app_settings (
  key    text PRIMARY KEY,
  value  text NOT NULL
);

-- Campaigns and offers that generate leads; events join them by utm_campaign.
CREATE TABLE campaigns (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name          text NOT NULL,
  type          text NOT NULL CHECK (type IN ('whitepaper','webinar','online_demo','trade_show','contact_sales','newsletter','paid_ads','event','content','other')),
  utm_campaign  text NOT NULL,
  starts_on     date,
  ends_on       date,
  monthly_spend numeric(14,2) NOT NULL DEFAULT 0,
  currency      text NOT NULL DEFAULT 'EUR',
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_on IS NULL OR starts_on IS NULL OR ends_on >= starts_on)
);
CREATE UNIQUE INDEX campaigns_utm_idx ON campaigns (lower(utm_campaign));

-- Landing pages, forms, CTAs, content pieces and webinars, recognised from events.
CREATE TABLE assets (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind        text NOT NULL CHECK (kind IN ('page','form','cta','content','webinar')),
  key         text NOT NULL,
  name        text,
  first_seen  timestamptz NOT NULL,
  UNIQUE (kind, key)
);

CREATE TABLE events (
  id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
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
  -- Where the hit came from (docs/channels.md), set by the processor for page and screen views.
  channel            text,
  source             text,
  medium             text,
  campaign           text,
  campaign_id        bigint REFERENCES campaigns(id) ON DELETE SET NULL,
  asset_id           bigint REFERENCES assets(id) ON DELETE SET NULL,
  -- Set once identity resolution (and later channels, visits, scores) has seen the event.
  processed_at       timestamptz,
  process_error      text
);
CREATE INDEX events_unprocessed_idx ON events (id) WHERE processed_at IS NULL;
-- Segment's idempotency rule: one messageId is one event, however often it is retried.
CREATE UNIQUE INDEX events_message_idx ON events (write_key_id, message_id);
CREATE INDEX events_contact_idx ON events (contact_id, timestamp) WHERE contact_id IS NOT NULL;
CREATE INDEX events_anonymous_idx ON events (anonymous_id) WHERE anonymous_id IS NOT NULL;
CREATE INDEX events_asset_idx ON events (asset_id, timestamp) WHERE asset_id IS NOT NULL;
CREATE INDEX events_campaign_idx ON events (campaign_id, timestamp) WHERE campaign_id IS NOT NULL;
CREATE INDEX events_time_idx ON events (timestamp);

-- Who is who: every anonymous id and user id seen, and the contact it belongs to once known.
CREATE TABLE identities (
  kind        text NOT NULL CHECK (kind IN ('anonymous_id','user_id')),
  value       text NOT NULL,
  contact_id  bigint REFERENCES contacts(id) ON DELETE CASCADE,
  first_seen  timestamptz NOT NULL,
  linked_at   timestamptz,
  PRIMARY KEY (kind, value)
);
CREATE INDEX identities_contact_idx ON identities (contact_id);
-- alias() calls seen before either id was known: applied when one of them gets its contact.
CREATE TABLE identity_aliases (
  previous_id text NOT NULL,
  user_id     text NOT NULL,
  at          timestamptz NOT NULL,
  PRIMARY KEY (user_id, previous_id)
);

-- Visits: one visitor's page views with no gap over 30 minutes; the channel is the first hit's.
CREATE TABLE visits (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  visitor_id       text NOT NULL,
  contact_id       bigint REFERENCES contacts(id) ON DELETE CASCADE,
  started_at       timestamptz NOT NULL,
  ended_at         timestamptz NOT NULL,
  landing_page     text,
  page_count       int NOT NULL DEFAULT 1,
  pages            text[] NOT NULL DEFAULT '{}',
  channel          text NOT NULL,
  channel_rule     text NOT NULL,
  source           text,
  medium           text,
  campaign         text,
  campaign_id      bigint REFERENCES campaigns(id) ON DELETE SET NULL,
  referrer         text
);
CREATE INDEX visits_visitor_idx ON visits (visitor_id, started_at);
CREATE INDEX visits_contact_idx ON visits (contact_id, started_at) WHERE contact_id IS NOT NULL;
CREATE INDEX visits_started_idx ON visits (started_at);

-- Events refused one by one (a bad message in a good batch), kept so nobody has to guess why.
CREATE TABLE rejected_events (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  write_key_id bigint REFERENCES write_keys(id),
  message_id   text,
  received_at  timestamptz NOT NULL,
  reason       text NOT NULL,
  payload      jsonb
);
CREATE INDEX rejected_events_received_idx ON rejected_events (received_at);
`;
