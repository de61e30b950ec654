export const name = 'configurable-segments';

// Issue 12: real companies segment by business segment, region or product line with dozens of
// values, so the company segment is a list the workspace edits (src/domains/workspace/segments.ts)
// instead of three values fixed in a CHECK. Keys are what companies and deals store and never
// change; labels are what people read and may be renamed; position is the order lists show.
// The application checks values against this table (a 400 naming the allowed keys): a foreign key
// would lock the segment row on every company write and refuse no more than the check does.
export const sql = /* sql */ `
CREATE TABLE company_segments (
  key      text PRIMARY KEY,
  label    text NOT NULL,
  position int NOT NULL
);
INSERT INTO company_segments (key, label, position) VALUES
  ('enterprise', 'Enterprise', 1),
  ('mid_market', 'Mid-market', 2),
  ('small', 'Small', 3);

ALTER TABLE companies DROP CONSTRAINT IF EXISTS companies_segment_check;
ALTER TABLE deals DROP CONSTRAINT IF EXISTS deals_segment_check;
`;
