export const name = 'speed-to-lead';

// Speed to lead (issue: "answer within 5 minutes"). A clock may start at the request that made the
// contact an MQL rather than at its assignment, so routing delay counts against sales: the
// instant it started is kept with the clock (NULL on clocks opened before: those started at
// assignment). The follow-up report measures time to first touch from it.
//
// The average score of the MQLs marketing delivers is read at the MQL moment: the scores the
// contact had when it qualified, copied from contact_scores whenever mql_at is set (the scorer
// writes the scores of a pass before it moves anyone to MQL). MQLs recorded before this migration
// have none and are averaged at their current scores; no backfill, which would rewrite every
// MQL row of a large workspace inside the migration.
export const sql = /* sql */ `
ALTER TABLE lead_assignments ADD COLUMN clock_started_at timestamptz;
ALTER TABLE contacts ADD COLUMN mql_fit numeric(10,2), ADD COLUMN mql_interest numeric(10,2);

CREATE FUNCTION contact_mql_scores() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.mql_at IS NULL THEN
    NEW.mql_fit := NULL;
    NEW.mql_interest := NULL;
  ELSIF TG_OP = 'INSERT' OR NEW.mql_at IS DISTINCT FROM OLD.mql_at THEN
    SELECT s.fit, s.interest INTO NEW.mql_fit, NEW.mql_interest FROM contact_scores s WHERE s.contact_id = NEW.id;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER contacts_mql_scores BEFORE INSERT OR UPDATE OF mql_at ON contacts
  FOR EACH ROW EXECUTE FUNCTION contact_mql_scores();
`;
