import type { Random } from '../shared/random.js';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** Lead volume by calendar month (January first): spring and autumn peaks, an August and December dip. */
const seasonality = [0.92, 1.0, 1.15, 1.02, 1.06, 0.95, 0.8, 0.62, 1.1, 1.2, 1.12, 0.72];
/** Month-over-month growth of a company that invests in marketing. */
const monthlyGrowth = 1.05;
/** Relative volume by UTC hour: office hours in Europe and the Americas. */
const hourWeights = [1, 0.6, 0.4, 0.3, 0.3, 0.4, 0.8, 1.5, 2.6, 3.4, 3.8, 3.8, 3.5, 3.6, 4, 4.2, 4, 3.6, 3, 2.4, 2, 1.7, 1.4, 1.2];
const hourTotal = hourWeights.reduce((a, b) => a + b, 0);

export function startOfUtcDay(d: Date): number {
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
}

export function addUtcMonths(t: number, n: number): number {
  const d = new Date(t);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes());
}

export const isoDate = (t: number) => new Date(t).toISOString().slice(0, 10);

/**
 * n creation times in [start, end), sorted: more each month (growth), shaped by season, fewer on
 * weekends and at night. Counts per month are exact (largest remainder), so n is always met.
 */
export function creationTimes(rng: Random, n: number, start: number, end: number): number[] {
  const slices: [number, number, number][] = [];
  for (let s = start, i = 0; s < end; i++) {
    const d = new Date(s);
    const e = Math.min(end, Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
    const share = (e - s) / (30 * DAY);
    slices.push([s, e, share * monthlyGrowth ** i * seasonality[d.getUTCMonth()]!]);
    s = e;
  }
  const total = slices.reduce((a, [, , w]) => a + w, 0);
  const exact = slices.map(([, , w]) => (n * w) / total);
  const counts = exact.map(Math.floor);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0, left = n - counts.reduce((a, b) => a + b, 0); k < left; k++) counts[order[k % order.length]![1]]!++;

  const times: number[] = [];
  slices.forEach(([s, e], i) => {
    const days = Math.max(1, Math.ceil((e - s) / DAY));
    for (let k = 0; k < counts[i]!; k++) {
      for (;;) {
        const day = s + rng.int(0, days - 1) * DAY;
        const dow = new Date(day).getUTCDay();
        if ((dow === 0 || dow === 6) && !rng.chance(0.3)) continue;
        const t = Math.floor(day / DAY) * DAY + pickHour(rng) * HOUR + rng.int(0, HOUR - 1);
        if (t >= s && t < e) {
          times.push(t);
          break;
        }
      }
    }
  });
  return times.sort((a, b) => a - b);
}

function pickHour(rng: Random): number {
  let x = rng.next() * hourTotal;
  for (let h = 0; h < 24; h++) {
    x -= hourWeights[h]!;
    if (x < 0) return h;
  }
  return 23;
}

/** The first moment at or after t inside office hours (Mon–Fri, 08:00–18:00 UTC), with some slack. */
export function businessTime(t: number, rng: Random): number {
  const d = new Date(t);
  const dow = d.getUTCDay();
  const h = d.getUTCHours();
  if (dow !== 0 && dow !== 6 && h >= 8 && h < 18) return t;
  let day = Math.floor(t / DAY) * DAY;
  if (h >= 18) day += DAY;
  while ([0, 6].includes(new Date(day).getUTCDay())) day += DAY;
  return day + 8 * HOUR + rng.int(0, 90) * MINUTE;
}
