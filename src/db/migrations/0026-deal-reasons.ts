export const name = 'deal-reasons';

// Win and lost reasons from one list each (src/domains/crm/deal-reasons.ts), so a report counts
// "competitor" and "Went with a competitor" as one reason: deals store the reason's code, a free
// text close_note says the rest. Codes never change once deals carry them; labels may be renamed.
// As with company segments (0016), the application checks codes against the list (a 400 naming
// the allowed ones) rather than a foreign key that would lock the list row on every deal write.
//
// Existing free-text lost reasons: a text equal to a code or a label of the default list (any
// case, spaces or underscores) becomes that code; any other text is kept word for word as the
// deal's close note and the deal's reason becomes `other`, so no lost deal loses its reason and
// nothing anyone typed is thrown away.
export const sql = /* sql */ `
CREATE TABLE deal_reasons (
  outcome  text NOT NULL CHECK (outcome IN ('won', 'lost')),
  code     text NOT NULL,
  label    text NOT NULL,
  position int NOT NULL,
  PRIMARY KEY (outcome, code)
);
INSERT INTO deal_reasons (outcome, code, label, position) VALUES
  ('lost', 'price', 'Price', 1),
  ('lost', 'competitor', 'Competitor', 2),
  ('lost', 'no_decision', 'No decision', 3),
  ('lost', 'timing', 'Timing', 4),
  ('lost', 'missing_feature', 'Missing feature', 5),
  ('lost', 'no_budget', 'No budget', 6),
  ('lost', 'bad_fit', 'Bad fit', 7),
  ('lost', 'unresponsive', 'Unresponsive', 8),
  ('lost', 'other', 'Other', 9),
  ('won', 'product_fit', 'Product fit', 1),
  ('won', 'price_value', 'Price / value', 2),
  ('won', 'relationship', 'Relationship', 3),
  ('won', 'speed', 'Speed', 4),
  ('won', 'feature', 'Feature', 5),
  ('won', 'referral', 'Referral', 6),
  ('won', 'other', 'Other', 7);

ALTER TABLE deals ADD COLUMN win_reason text, ADD COLUMN close_note text;

WITH matched AS (
  SELECT d.id, r.code
    FROM deals d
    LEFT JOIN deal_reasons r ON r.outcome = 'lost'
     AND (lower(btrim(d.lost_reason)) = r.code
          OR lower(btrim(d.lost_reason)) = lower(r.label)
          OR regexp_replace(lower(btrim(d.lost_reason)), '[^a-z0-9]+', '_', 'g') = r.code)
   WHERE NULLIF(btrim(d.lost_reason), '') IS NOT NULL
)
UPDATE deals d
   SET close_note = CASE WHEN m.code IS NULL THEN d.lost_reason ELSE d.close_note END,
       lost_reason = COALESCE(m.code, 'other')
  FROM matched m
 WHERE m.id = d.id;
UPDATE deals SET lost_reason = NULL WHERE lost_reason IS NOT NULL AND btrim(lost_reason) = '';
`;
