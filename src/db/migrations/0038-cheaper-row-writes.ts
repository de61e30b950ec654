export const name = 'cheaper-row-writes';

// Issue 12 (import speed): the stage columns of contacts, companies and stage_transitions named
// lifecycle_stages(key) by foreign keys. A foreign key is checked by a query per written row (a
// key-share lock on the referenced stage included), and every move writes a transition with two
// of them: on the server 2.9 s of a 100,000-contact import's 13.6 s of transition inserts and
// 0.9 s of its contact inserts went to these checks (EXPLAIN ANALYZE, bench/explain-import.ts).
// The keys are fixed: only labels and descriptions change (the stage settings: label and description), the funnel's
// positions are fixed per key (0034 relies on it). So a CHECK over the eight keys says the same,
// per row in memory, and a trigger on lifecycle_stages keeps it the same by refusing a new key, a
// renamed key or a removed one (what the foreign keys refused for a key in use).
//
// contacts_owner_idx (owner_id) is the first column of contacts_owner_created_idx (owner_id,
// created_at, id), which answers everything it did (an owner's contacts, the users foreign key's
// ON DELETE SET NULL); each contact written paid for both (6% of a bare 100,000-contact insert
// without the trigram index, in backend CPU).
//
// deals_pipeline_id_fkey is implied by the deals' (pipeline_id, stage) key into pipeline_stages
// (both columns NOT NULL; a stage row exists only inside its pipeline, and removing a pipeline
// cascades to its stages, which the deals' key refuses while a deal sits in one): one of the five
// foreign-key queries each deal insert ran, for nothing.

// The keys as they are: a migration does not follow later code.
const keys = ['subscriber', 'lead', 'mql', 'sql', 'opportunity', 'customer', 'evangelist', 'other'];
const list = keys.map((k) => `'${k}'`).join(', ');

export const sql = /* sql */ `
ALTER TABLE contacts DROP CONSTRAINT IF EXISTS contacts_lifecycle_stage_fkey;
ALTER TABLE contacts ADD CONSTRAINT contacts_lifecycle_stage_check CHECK (lifecycle_stage IN (${list}));
ALTER TABLE companies DROP CONSTRAINT IF EXISTS companies_lifecycle_stage_fkey;
ALTER TABLE companies ADD CONSTRAINT companies_lifecycle_stage_check CHECK (lifecycle_stage IN (${list}));
ALTER TABLE stage_transitions DROP CONSTRAINT IF EXISTS stage_transitions_from_stage_fkey;
ALTER TABLE stage_transitions DROP CONSTRAINT IF EXISTS stage_transitions_to_stage_fkey;
ALTER TABLE stage_transitions ADD CONSTRAINT stage_transitions_stages_check
  CHECK ((from_stage IS NULL OR from_stage IN (${list})) AND to_stage IN (${list}));

DROP INDEX IF EXISTS contacts_owner_idx;
ALTER TABLE deals DROP CONSTRAINT IF EXISTS deals_pipeline_id_fkey;

CREATE FUNCTION lifecycle_stage_keys_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.key = OLD.key THEN RETURN NEW; END IF;
  RAISE EXCEPTION 'lifecycle stage keys are fixed: a stage''s label and description can change, its key cannot be added, renamed or removed'
    USING ERRCODE = 'check_violation';
END $$;
CREATE TRIGGER lifecycle_stage_keys_fixed BEFORE INSERT OR UPDATE OR DELETE ON lifecycle_stages
  FOR EACH ROW EXECUTE FUNCTION lifecycle_stage_keys_fixed();
`;
