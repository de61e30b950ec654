import { describe, expect, it } from 'vitest';
import { type LabelledRecord, buildFeatures, encode, fitEncoder } from './predictive-features.js';

const industries = ['Retail', 'Retail', 'Retail', 'Software', 'Software', 'Mining'];

// 60 rows with a custom categorical, a skewed count, a symmetric score and gaps in each.
const rows: LabelledRecord[] = Array.from({ length: 60 }, (_, i) => ({
  id: i,
  label: i % 3 === 0 ? 1 : 0,
  numeric: {
    page_views: i % 10 === 0 ? 200 + i : i % 4,
    nps: i % 7 === 0 ? null : 5 + (i % 5) - 2,
  },
  categorical: {
    industry: i % 12 === 5 ? null : i === 59 ? 'Rare Co' : industries[i % industries.length],
    ' blank': '',
  },
}));

describe('fitEncoder', () => {
  const encoder = fitEncoder(rows);

  it('names features from whatever properties the records have', () => {
    expect(encoder.featureNames).toEqual([
      'nps',
      'nps is missing',
      'log1p(page_views)',
      'industry = Retail',
      'industry = Software',
      'industry = other',
      'industry is missing',
    ]);
  });

  it('log-transforms skewed non-negative counts only', () => {
    expect(encoder.numeric.find((s) => s.source === 'page_views')!.transform).toBe('log1p');
    expect(encoder.numeric.find((s) => s.source === 'nps')!.transform).toBe('identity');
  });

  it('keeps the most frequent levels and folds the rest into other', () => {
    expect(fitEncoder(rows, { topLevels: 1 }).categorical[0].levels).toEqual(['Retail']);
    // 'Mining' (4 rows) and 'Rare Co' (1 row) fall below minLevelCount = 5.
    expect(encoder.categorical[0].levels).toEqual(['Retail', 'Software']);
    expect(fitEncoder(rows, { minLevelCount: 4 }).categorical[0].levels).toContain('Mining');
  });
});

describe('encode', () => {
  const encoder = fitEncoder(rows);

  it('imputes the median and flags missing numbers; unseen levels are other', () => {
    const x = encode(encoder, { numeric: { page_views: 9, nps: null }, categorical: { industry: 'Aerospace' } });
    const named = Object.fromEntries(encoder.featureNames.map((n, j) => [n, x[j]]));
    expect(named['log1p(page_views)']).toBeCloseTo(Math.log(10), 12);
    expect(named['nps is missing']).toBe(1);
    expect(named.nps).toBe(encoder.numeric.find((s) => s.source === 'nps')!.impute);
    expect(named['industry = other']).toBe(1);
    expect(named['industry = Retail']).toBe(0);
  });

  it('treats blank strings and absent properties as missing', () => {
    const x = encode(encoder, { numeric: {}, categorical: { industry: '  ' } });
    expect(x[encoder.featureNames.indexOf('industry is missing')]).toBe(1);
    expect(x[encoder.featureNames.indexOf('nps is missing')]).toBe(1);
  });
});

describe('buildFeatures', () => {
  it('returns one row and label per record, in order', () => {
    const f = buildFeatures(rows);
    expect(f.X).toHaveLength(60);
    expect(f.X[0]).toHaveLength(f.featureNames.length);
    expect(f.y.slice(0, 4)).toEqual([1, 0, 0, 1]);
    expect(f.ids[59]).toBe(59);
  });
});
