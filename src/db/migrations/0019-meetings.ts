export const name = 'meetings';

// The method's rituals (PRODUCT.md §7): a meeting series per kind (the weekly Smarketing meeting,
// the monthly management meeting), its meetings with presenters, notes, decisions and the pack as
// it was when the meeting was held (snapshot), and the action items they create. An item belongs
// to the meeting that created it and is carried to every later pack of the series until closed.
export const sql = `
CREATE TABLE meeting_series (
  id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind                text NOT NULL CHECK (kind IN ('weekly', 'monthly')),
  name                text NOT NULL,
  -- ISO weekday (1 = Monday … 7 = Sunday) and local time in the workspace's zone.
  weekday             int NOT NULL DEFAULT 4 CHECK (weekday BETWEEN 1 AND 7),
  -- Monthly series: which occurrence of the weekday in the month (1 = first … 4; 5 = last).
  week_of_month       int CHECK (week_of_month BETWEEN 1 AND 5),
  local_time          text NOT NULL DEFAULT '17:00' CHECK (local_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  duration_minutes    int NOT NULL DEFAULT 35 CHECK (duration_minutes BETWEEN 5 AND 480),
  -- The pack is emailed to attendees this many hours before the meeting (0: not emailed).
  pack_hours_before   int NOT NULL DEFAULT 2 CHECK (pack_hours_before BETWEEN 0 AND 168),
  rotate_presenters   boolean NOT NULL DEFAULT true,
  active              boolean NOT NULL DEFAULT true,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX meeting_series_one_active_kind ON meeting_series (kind) WHERE active;

CREATE TABLE meeting_attendees (
  series_id  bigint NOT NULL REFERENCES meeting_series(id) ON DELETE CASCADE,
  user_id    bigint NOT NULL REFERENCES users(id),
  -- Which team the attendee presents for (presenters rotate within a side).
  side       text NOT NULL CHECK (side IN ('sales', 'marketing')),
  PRIMARY KEY (series_id, user_id)
);

CREATE TABLE meetings (
  id                      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  series_id               bigint NOT NULL REFERENCES meeting_series(id),
  -- The ISO week (2026-W49) or month (2026-12) the meeting takes place in (series-occurrences.ts);
  -- a monthly meeting reviews the month before it.
  period                  text NOT NULL,
  scheduled_at            timestamptz NOT NULL,
  status                  text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'held', 'cancelled')),
  sales_presenter_id      bigint REFERENCES users(id),
  marketing_presenter_id  bigint REFERENCES users(id),
  notes                   text NOT NULL DEFAULT '',
  held_at                 timestamptz,
  -- The pack's figures as they were when the meeting was held: later data never changes history.
  snapshot                jsonb,
  created_at              timestamptz NOT NULL DEFAULT now(),
  updated_at              timestamptz NOT NULL DEFAULT now(),
  UNIQUE (series_id, period)
);
CREATE INDEX meetings_series_scheduled ON meetings (series_id, scheduled_at DESC);

CREATE TABLE meeting_decisions (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  meeting_id  bigint NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  text        text NOT NULL,
  created_by  text,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX meeting_decisions_meeting ON meeting_decisions (meeting_id);

CREATE TABLE action_items (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  meeting_id  bigint NOT NULL REFERENCES meetings(id),
  title       text NOT NULL,
  owner_id    bigint REFERENCES users(id),
  due_date    date,
  status      text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'done', 'cancelled')),
  created_by  text,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  closed_at   timestamptz
);
CREATE INDEX action_items_open ON action_items (meeting_id) WHERE status IN ('open', 'in_progress');
CREATE INDEX action_items_owner ON action_items (owner_id);

-- Every email the rituals send (meeting packs, weekly updates, daily dashboards), one row per
-- recipient: the outbox when no SMTP server is configured, the record of what went out otherwise.
-- (job, recipient) of a scheduled send is unique, so a retried or concurrent run never sends twice.
CREATE TABLE ritual_emails (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind         text NOT NULL,
  -- What was sent: "meeting:12", "update:3", "daily_marketing:2026-12-03"; with the user, the send's identity.
  ref          text NOT NULL,
  user_id      bigint REFERENCES users(id),
  to_email     text NOT NULL,
  subject      text NOT NULL,
  html         text,
  text         text NOT NULL,
  status       text NOT NULL CHECK (status IN ('sending', 'sent', 'outbox', 'failed')),
  error        text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  sent_at      timestamptz,
  UNIQUE (ref, to_email)
);
CREATE INDEX ritual_emails_outbox ON ritual_emails (id DESC) WHERE status = 'outbox';
`;
