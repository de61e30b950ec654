import { formatPercent } from '../format';

/** A rate (0..1) as a percentage with a bar on the full 0–100% scale. */
export function RateBar({ rate }: { rate: number | null }) {
  const width = rate === null ? 0 : Math.min(1, Math.max(0, rate)) * 100;
  return (
    <div className="rate-bar">
      <span className="rate-bar-track" aria-hidden="true">
        <span className="rate-bar-fill" style={{ width: `${width}%` }} />
      </span>
      <span className="rate-bar-value">{formatPercent(rate)}</span>
    </div>
  );
}
