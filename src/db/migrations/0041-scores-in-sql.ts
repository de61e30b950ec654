export const name = 'scores-in-sql';

// Issue 17: a full rescore computes interest for a whole step of contacts in one statement
// (scoring/queries/interest-scores.ts) instead of reading every action into JavaScript. Its points
// must equal roundPoints' (score-points.ts) to the bit: Math.round(points * 100) / 100, halves
// rounded up (towards +infinity), and no negative zero. PostgreSQL's round() rounds halves away
// from zero and keeps -0, so the rounding is spelled out here, once. floor(y) is exact and so is
// y - floor(y), so the comparison with 0.5 is exact as Math.round's is.
export const sql = /* sql */ `
CREATE FUNCTION score_round(points float8) RETURNS float8 LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN (CASE WHEN points * 100 - floor(points * 100) >= 0.5 THEN floor(points * 100) + 1 ELSE floor(points * 100) END) / 100 + 0::float8;
`;
