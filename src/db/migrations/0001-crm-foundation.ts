// The closed-loop record: users and access, CRM objects, one funnel with its history.
export const name = 'crm-foundation';
export const sql = /* sql */ `
CREATE TABLE users (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email         text NOT NULL UNIQUE,
  name          text NOT NULL,
  role          text NOT NULL CHECK (role IN ('admin','marketing','sales_manager','sales_rep','viewer')),
  team          text,
  hourly_cost   numeric(12,2) NOT NULL DEFAULT 0,
  calls_per_hour numeric(8,2) NOT NULL DEFAULT 10,
  password_hash text,
  active        boolean NOT NULL DEFAULT true,
  away          boolean NOT NULL DEFAULT false,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE sessions (
  token_hash  text PRIMARY KEY,
  user_id     bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz NOT NULL
);
CREATE INDEX sessions_user_idx ON sessions(user_id);

CREATE TABLE api_tokens (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name         text NOT NULL,
  role         text NOT NULL CHECK (role IN ('admin','marketing','sales_manager','sales_rep','viewer')),
  token_hash   text NOT NULL UNIQUE,
  user_id      bigint REFERENCES users(id) ON DELETE CASCADE,
  created_at   timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  revoked_at   timestamptz
);

CREATE TABLE lifecycle_stages (
  key         text PRIMARY KEY,
  label       text NOT NULL,
  position    int NOT NULL,
  description text NOT NULL DEFAULT '',
  in_funnel   boolean NOT NULL DEFAULT true
);
INSERT INTO lifecycle_stages (key, label, position, description, in_funnel) VALUES
  ('subscriber',  'Subscriber',  1, 'Opted in to hear from us (blog, newsletter).', true),
  ('lead',        'Lead',        2, 'Gave more than an email: converted on a form or offer.', true),
  ('mql',         'MQL',         3, 'Marketing qualified: meets the MQL definition, ready for sales.', true),
  ('sql',         'SQL',         4, 'Sales accepted and qualified the lead.', true),
  ('opportunity', 'Opportunity', 5, 'Has an open deal.', true),
  ('customer',    'Customer',    6, 'Has a won deal.', true),
  ('evangelist',  'Evangelist',  7, 'A customer who advocates for us.', true),
  ('other',       'Other',       0, 'Outside the funnel (partners, press, candidates).', false);

CREATE TABLE pipelines (
  id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name  text NOT NULL UNIQUE,
  is_default boolean NOT NULL DEFAULT false
);
CREATE TABLE pipeline_stages (
  pipeline_id bigint NOT NULL REFERENCES pipelines(id) ON DELETE CASCADE,
  key         text NOT NULL,
  label       text NOT NULL,
  position    int NOT NULL,
  probability numeric(5,2) NOT NULL DEFAULT 0,
  outcome     text NOT NULL DEFAULT 'open' CHECK (outcome IN ('open','won','lost')),
  PRIMARY KEY (pipeline_id, key)
);
INSERT INTO pipelines (name, is_default) VALUES ('Sales pipeline', true);
INSERT INTO pipeline_stages (pipeline_id, key, label, position, probability, outcome) VALUES
  (1, 'discovery',   'Discovery',   1, 10, 'open'),
  (1, 'demo',        'Demo',        2, 25, 'open'),
  (1, 'proposal',    'Proposal',    3, 50, 'open'),
  (1, 'negotiation', 'Negotiation', 4, 75, 'open'),
  (1, 'closed_won',  'Closed Won',  5, 100, 'won'),
  (1, 'closed_lost', 'Closed Lost', 6, 0, 'lost');

CREATE TABLE property_definitions (
  object_type text NOT NULL CHECK (object_type IN ('contact','company','deal')),
  name        text NOT NULL,
  label       text NOT NULL,
  type        text NOT NULL CHECK (type IN ('string','number','boolean','date','enum')),
  options     jsonb NOT NULL DEFAULT '[]',
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (object_type, name)
);

CREATE TABLE companies (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name           text NOT NULL,
  domain         text UNIQUE,
  industry       text,
  employees      int,
  country        text,
  annual_revenue numeric(16,2),
  segment        text CHECK (segment IN ('enterprise','mid_market','small')),
  lifecycle_stage text NOT NULL DEFAULT 'lead' REFERENCES lifecycle_stages(key),
  owner_id       bigint REFERENCES users(id) ON DELETE SET NULL,
  properties     jsonb NOT NULL DEFAULT '{}',
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX companies_name_idx ON companies (lower(name));

CREATE TABLE contacts (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email            text,
  email_normalized text UNIQUE,
  first_name       text,
  last_name        text,
  job_title        text,
  phone            text,
  company_id       bigint REFERENCES companies(id) ON DELETE SET NULL,
  owner_id         bigint REFERENCES users(id) ON DELETE SET NULL,
  lifecycle_stage  text NOT NULL DEFAULT 'subscriber' REFERENCES lifecycle_stages(key),
  lead_status      text CHECK (lead_status IN ('new','attempting','connected','qualified','unqualified','recycled')),
  lead_status_reason text,
  -- One of the eleven channels; the detail keeps a declared source's own words ("Trade Show").
  original_source  text,
  original_source_detail text,
  latest_source    text,
  properties       jsonb NOT NULL DEFAULT '{}',
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX contacts_company_idx ON contacts(company_id);
CREATE INDEX contacts_owner_idx ON contacts(owner_id);
CREATE INDEX contacts_stage_idx ON contacts(lifecycle_stage, id);
CREATE INDEX contacts_created_idx ON contacts(created_at, id);

-- Emails of contacts merged away, so a returning person still finds the surviving record.
CREATE TABLE contact_email_aliases (
  email_normalized text PRIMARY KEY,
  contact_id       bigint NOT NULL REFERENCES contacts(id) ON DELETE CASCADE
);

CREATE TABLE stage_transitions (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  object_type text NOT NULL CHECK (object_type IN ('contact','company')),
  object_id   bigint NOT NULL,
  from_stage  text REFERENCES lifecycle_stages(key),
  to_stage    text NOT NULL REFERENCES lifecycle_stages(key),
  kind        text NOT NULL CHECK (kind IN ('create','forward','recycle','reject','sideways','import','merge')),
  at          timestamptz NOT NULL,
  actor_type  text NOT NULL CHECK (actor_type IN ('user','rule','import','system','deal','api')),
  actor_id    text,
  reason      text
);
CREATE INDEX stage_transitions_object_idx ON stage_transitions(object_type, object_id, at);
CREATE INDEX stage_transitions_to_idx ON stage_transitions(to_stage, at);

CREATE TABLE deals (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name        text NOT NULL,
  pipeline_id bigint NOT NULL REFERENCES pipelines(id),
  stage       text NOT NULL,
  amount      numeric(16,2),
  currency    text NOT NULL DEFAULT 'EUR',
  segment     text CHECK (segment IN ('enterprise','mid_market','small')),
  close_date  date,
  owner_id    bigint REFERENCES users(id) ON DELETE SET NULL,
  contact_id  bigint REFERENCES contacts(id) ON DELETE SET NULL,
  company_id  bigint REFERENCES companies(id) ON DELETE SET NULL,
  lost_reason text,
  closed_at   timestamptz,
  properties  jsonb NOT NULL DEFAULT '{}',
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (pipeline_id, stage) REFERENCES pipeline_stages(pipeline_id, key) ON UPDATE CASCADE
);
CREATE INDEX deals_contact_idx ON deals(contact_id);
CREATE INDEX deals_company_idx ON deals(company_id);
CREATE INDEX deals_stage_idx ON deals(pipeline_id, stage);

CREATE TABLE activities (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  type         text NOT NULL CHECK (type IN ('call','email','meeting','social')),
  direction    text NOT NULL DEFAULT 'outbound' CHECK (direction IN ('outbound','inbound')),
  outcome      text,
  subject      text,
  body         text,
  contact_id   bigint REFERENCES contacts(id) ON DELETE CASCADE,
  company_id   bigint REFERENCES companies(id) ON DELETE SET NULL,
  deal_id      bigint REFERENCES deals(id) ON DELETE SET NULL,
  user_id      bigint REFERENCES users(id) ON DELETE SET NULL,
  occurred_at  timestamptz NOT NULL,
  duration_seconds int,
  properties   jsonb NOT NULL DEFAULT '{}',
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX activities_contact_idx ON activities(contact_id, occurred_at);
CREATE INDEX activities_user_idx ON activities(user_id, occurred_at);

CREATE TABLE property_changes (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  object_type text NOT NULL CHECK (object_type IN ('contact','company','deal')),
  object_id   bigint NOT NULL,
  property    text NOT NULL,
  old_value   jsonb,
  new_value   jsonb,
  at          timestamptz NOT NULL,
  actor_type  text NOT NULL,
  actor_id    text
);
CREATE INDEX property_changes_object_idx ON property_changes(object_type, object_id, at);

CREATE TABLE merges (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  object_type text NOT NULL CHECK (object_type IN ('contact','company')),
  winner_id   bigint NOT NULL,
  loser_id    bigint NOT NULL,
  loser_snapshot jsonb NOT NULL,
  at          timestamptz NOT NULL,
  actor_type  text NOT NULL,
  actor_id    text
);
CREATE INDEX merges_winner_idx ON merges(object_type, winner_id);

CREATE TABLE audit_log (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at          timestamptz NOT NULL DEFAULT now(),
  actor_type  text NOT NULL,
  actor_id    text,
  action      text NOT NULL,
  object_type text,
  object_id   text,
  details     jsonb NOT NULL DEFAULT '{}'
);
`;
