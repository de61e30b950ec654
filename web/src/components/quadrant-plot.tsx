import type { Quadrant } from '../api-types';
import { formatPoints } from '../scoring-format';

interface QuadrantPlotProps {
  fit: number;
  interest: number;
  thresholds: { fit: number; interest: number };
  quadrant: Quadrant;
}

const W = 220;
const H = 170;
const PAD = { left: 28, right: 8, top: 8, bottom: 24 };

/**
 * Where one contact sits in the fit × interest matrix. Plain SVG rather than an ECharts scatter:
 * the contact page loads eagerly and ECharts would more than double its bundle for one dot.
 */
export function QuadrantPlot({ fit, interest, thresholds, quadrant }: QuadrantPlotProps) {
  // Scores are unbounded (and fit can go negative), so each axis spans twice its threshold, stretched to fit the contact.
  const xMin = Math.min(0, fit);
  const xMax = Math.max(thresholds.fit * 2, fit * 1.1, 1);
  const yMin = Math.min(0, interest);
  const yMax = Math.max(thresholds.interest * 2, interest * 1.1, 1);
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const x = (v: number) => PAD.left + ((v - xMin) / (xMax - xMin)) * plotW;
  const y = (v: number) => PAD.top + (1 - (v - yMin) / (yMax - yMin)) * plotH;
  const tx = x(thresholds.fit);
  const ty = y(thresholds.interest);
  const right = PAD.left + plotW;
  const bottom = PAD.top + plotH;
  const cells: { q: Quadrant; x: number; y: number; w: number; h: number }[] = [
    { q: 'fan', x: PAD.left, y: PAD.top, w: tx - PAD.left, h: ty - PAD.top },
    { q: 'hot', x: tx, y: PAD.top, w: right - tx, h: ty - PAD.top },
    { q: 'suppress', x: PAD.left, y: ty, w: tx - PAD.left, h: bottom - ty },
    { q: 'nurture', x: tx, y: ty, w: right - tx, h: bottom - ty },
  ];

  return (
    <svg
      className="quadrant-plot"
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-label={`Fit ${formatPoints(fit, false)}, interest ${formatPoints(interest, false)}: ${quadrant}`}
      data-testid="quadrant-plot"
    >
      {cells.map((c) => (
        <g key={c.q} className={`quadrant-cell quadrant-${c.q}${c.q === quadrant ? ' current' : ''}`}>
          <rect x={c.x} y={c.y} width={Math.max(0, c.w)} height={Math.max(0, c.h)} />
          <text x={c.x + c.w / 2} y={c.y + c.h / 2} textAnchor="middle" dominantBaseline="middle">
            {c.q}
          </text>
        </g>
      ))}
      <line className="quadrant-threshold" x1={tx} x2={tx} y1={PAD.top} y2={bottom} />
      <line className="quadrant-threshold" x1={PAD.left} x2={right} y1={ty} y2={ty} />
      <text className="quadrant-tick" x={tx} y={bottom + 11} textAnchor="middle">
        {thresholds.fit}
      </text>
      <text className="quadrant-tick" x={PAD.left - 4} y={ty} textAnchor="end" dominantBaseline="middle">
        {thresholds.interest}
      </text>
      <text className="quadrant-axis" x={PAD.left + plotW / 2} y={H - 2} textAnchor="middle">
        Fit →
      </text>
      <text className="quadrant-axis" x={10} y={PAD.top + plotH / 2} textAnchor="middle" transform={`rotate(-90 10 ${PAD.top + plotH / 2})`}>
        Interest →
      </text>
      <circle className="quadrant-dot" cx={x(fit)} cy={y(interest)} r={5.5} />
    </svg>
  );
}
