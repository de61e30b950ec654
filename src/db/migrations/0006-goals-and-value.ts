export const name = 'goals-and-value';

// Marketing's side of the SLA in money (issue 6): revenue goals and shares, sales quotas, the
// value of an MQL per type (measured, overridable, frozen per month).
export const sql = /* sql */ `
-- One goal per month ('2026-11') or quarter ('2026-Q4'); a month without its own goal takes a
-- third of its quarter's.
CREATE TABLE revenue_goals (
  period                     text PRIMARY KEY CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2]|Q[1-4])$'),
  revenue_goal               numeric(14,2) NOT NULL CHECK (revenue_goal > 0),
  marketing_sourced_share    numeric(6,5) NOT NULL CHECK (marketing_sourced_share >= 0 AND marketing_sourced_share <= 1),
  marketing_influenced_share numeric(6,5) CHECK (marketing_influenced_share >= 0 AND marketing_influenced_share <= 1),
  updated_at                 timestamptz NOT NULL,
  updated_by                 text
);

-- Quota per rep or per team for a month or quarter.
CREATE TABLE sales_quotas (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  period     text NOT NULL CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2]|Q[1-4])$'),
  user_id    bigint REFERENCES users(id) ON DELETE CASCADE,
  team       text,
  amount     numeric(14,2) NOT NULL CHECK (amount > 0),
  CHECK ((user_id IS NULL) <> (team IS NULL))
);
CREATE UNIQUE INDEX sales_quotas_user_idx ON sales_quotas(period, user_id) WHERE user_id IS NOT NULL;
CREATE UNIQUE INDEX sales_quotas_team_idx ON sales_quotas(period, lower(team)) WHERE team IS NOT NULL;

-- A hand-set value per MQL type, winning over the measured one.
CREATE TABLE mql_value_overrides (
  mql_type   text PRIMARY KEY,
  value      numeric(14,2) NOT NULL CHECK (value >= 0),
  updated_at timestamptz NOT NULL,
  updated_by text
);

-- The value each MQL type had in a month, frozen the first time the month is reported: an MQL
-- is counted at its type's value at the time, so later deals never rewrite a closed month.
CREATE TABLE mql_value_snapshots (
  month      text NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  mql_type   text NOT NULL,
  value      numeric(14,2) NOT NULL,
  source     text NOT NULL CHECK (source IN ('measured','override','default')),
  mqls       int NOT NULL,
  customers  int NOT NULL,
  taken_at   timestamptz NOT NULL,
  PRIMARY KEY (month, mql_type)
);
`;
