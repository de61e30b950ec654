export const name = 'ritual-schedules';

// Each user's choice of scheduled emails (issue 14). A user without a row has the defaults: no daily
// dashboard email (it is opt-in), the daily at 08:00 in the workspace's zone if they turn it on, the
// dashboard of their role on working days, and the meeting packs of the series they attend. A null daily_dashboard
// follows the role, so a user moved from marketing to sales gets the sales dashboard without a change.
export const sql = `
CREATE TABLE email_preferences (
  user_id          bigint PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  daily_enabled    boolean NOT NULL DEFAULT false,
  -- Local hour in the workspace's zone (a DST day still has one 08:00, and a missing 02:00 becomes 03:00).
  daily_hour       int NOT NULL DEFAULT 8 CHECK (daily_hour BETWEEN 0 AND 23),
  daily_dashboard  text CHECK (daily_dashboard IN ('marketing', 'sales_manager', 'rep')),
  -- Working days only by default (Monday to Friday, less the sales calendar's holidays).
  daily_every_day  boolean NOT NULL DEFAULT false,
  weekly_pack      boolean NOT NULL DEFAULT true,
  monthly_pack     boolean NOT NULL DEFAULT true,
  updated_at       timestamptz NOT NULL DEFAULT now()
);
-- The scheduler reads the opted-in users every minute: a handful of rows, found without a scan.
CREATE INDEX email_preferences_daily ON email_preferences (user_id) WHERE daily_enabled;
`;
