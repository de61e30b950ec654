export const name = 'weekly-updates';

// The weekly marketing update to sales (PRODUCT.md §7, docs/weekly-update.md): an issue is written
// as a draft (structured content, so every promotion keeps what it refers to and the lead volume it
// was expected to bring), then sent once; a sent issue is never edited again, so its report always
// describes the email people actually received.
//
// Opens and clicks are stored per sales USER here, not as events: the readers are colleagues, not
// contacts, and their hits must neither score a contact nor count as marketing engagement.
export const sql = `
CREATE TABLE weekly_updates (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- The Monday (workspace zone) of the week the issue is for: "this week" and "next week" start there.
  week_start       date NOT NULL,
  status           text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'sent')),
  subject          text NOT NULL,
  intro            text NOT NULL DEFAULT '',
  -- [{kind: campaign|asset, ref_id, title, excerpt, url, starts_on, expected_leads, expected_basis}]
  promotions       jsonb NOT NULL DEFAULT '[]',
  lead_sources     text NOT NULL DEFAULT '',
  -- [{title, body, url}]
  product_updates  jsonb NOT NULL DEFAULT '[]',
  created_by       text,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  sent_at          timestamptz,
  sent_by          text,
  CHECK ((status = 'sent') = (sent_at IS NOT NULL))
);
CREATE INDEX weekly_updates_sent_idx ON weekly_updates (sent_at DESC, id DESC) WHERE status = 'sent';

-- Who an issue went to, and what became of each email (the copy itself is in ritual_emails,
-- ref "update:<id>"). 'sending' is claimed before the SMTP call, so a crash leaves a trace.
CREATE TABLE weekly_update_recipients (
  update_id  bigint NOT NULL REFERENCES weekly_updates(id) ON DELETE CASCADE,
  user_id    bigint NOT NULL REFERENCES users(id),
  name       text NOT NULL,
  email      text NOT NULL,
  status     text NOT NULL CHECK (status IN ('sending', 'sent', 'outbox', 'failed')),
  error      text,
  sent_at    timestamptz,
  PRIMARY KEY (update_id, user_id)
);

-- Every open-pixel and link hit of a recipient, scanner hits included (flagged, never counted),
-- as the signed endpoints /e/o and /e/c received them.
CREATE TABLE weekly_update_hits (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  update_id       bigint NOT NULL,
  user_id         bigint NOT NULL,
  kind            text NOT NULL CHECK (kind IN ('open', 'click')),
  url             text,
  at              timestamptz NOT NULL,
  scanner         boolean NOT NULL,
  scanner_reason  text,
  user_agent      text,
  FOREIGN KEY (update_id, user_id) REFERENCES weekly_update_recipients (update_id, user_id) ON DELETE CASCADE,
  CHECK ((kind = 'click') = (url IS NOT NULL))
);
CREATE INDEX weekly_update_hits_idx ON weekly_update_hits (update_id, user_id, kind, at);
`;
