import { useMemo } from 'react';
import type { CustomSeriesOption } from 'echarts/charts';
import { Chart, escapeHtml, tooltipRow, type ChartOption } from '../chart';
import { formatNumber, formatPercent } from '../format';

export interface RateIntervalRow {
  label: string;
  rate: number | null;
  /** 95 % interval of the rate. */
  interval: readonly [number, number] | null;
  /** Successes and trials, for the tooltip ("8 of 12 MQLs"). */
  count: number;
  of: number;
  /** Drawn in the warning colour: far above the average. */
  flagged?: boolean;
}

/**
 * Rates as horizontal bars with their 95 % interval as whiskers and the average as a dashed line:
 * a group whose whisker starts right of the line is above average beyond what chance explains.
 */
export function RateIntervalChart({ rows, average, rateLabel, unit, ariaLabel, testId }: { rows: RateIntervalRow[]; average: number | null; rateLabel: string; unit: string; ariaLabel: string; testId?: string }) {
  const option = useMemo<ChartOption>(() => ({
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: unknown) => {
        const r = tooltipRow(params, rows);
        if (!r) return '';
        const ci = r.interval ? `${formatPercent(r.interval[0])} – ${formatPercent(r.interval[1])}` : '—';
        return `<b>${escapeHtml(r.label)}</b><br/>${escapeHtml(rateLabel)} ${formatPercent(r.rate)} (95% interval ${ci})<br/>${formatNumber(r.count)} of ${formatNumber(r.of)} ${escapeHtml(unit)}`;
      },
    },
    grid: { left: 8, right: 56, top: 12, bottom: 24, containLabel: true },
    xAxis: { type: 'value', min: 0, max: 1, axisLabel: { formatter: (v: number) => formatPercent(v) } },
    yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.label), axisLabel: { width: 220, overflow: 'truncate' } },
    series: [
      {
        name: rateLabel,
        type: 'bar',
        barMaxWidth: 18,
        itemStyle: { color: '#0ea5e9' },
        data: rows.map((r) => ({ value: r.rate ?? 0, itemStyle: r.flagged ? { color: '#f97066' } : undefined })),
        markLine: average === null ? undefined : {
          silent: true,
          symbol: 'none',
          lineStyle: { type: 'dashed', color: '#475467' },
          label: { formatter: `Average ${formatPercent(average)}`, position: 'end', fontSize: 11 },
          data: [{ xAxis: average }],
        },
      },
      intervalWhiskers(rows.map((r, i) => (r.interval ? [r.interval[0], r.interval[1], i] : [r.rate ?? 0, r.rate ?? 0, i]))),
    ],
  }), [rows, average, rateLabel, unit]);
  return <Chart option={option} height={Math.max(160, 40 + rows.length * 32)} ariaLabel={ariaLabel} testId={testId} />;
}

/**
 * A 95 % interval per category row as a whisker with caps, over horizontal bars: `data` holds
 * [low, high, row index] (the calibration chart and the lead-quality chart draw the same).
 */
export function intervalWhiskers(data: [number, number, number][], name = '95% interval'): CustomSeriesOption {
  return {
    name,
    type: 'custom',
    encode: { x: [0, 1], y: 2 },
    data,
    z: 3,
    renderItem: (_params, api) => {
      const lo = api.coord([api.value(0), api.value(2)]);
      const hi = api.coord([api.value(1), api.value(2)]);
      const cap = (api.size?.([0, 1]) as number[] | undefined)?.[1] ?? 20;
      const h = Math.min(10, cap * 0.3);
      const style = { stroke: '#1d2433', lineWidth: 1.5 };
      return {
        type: 'group',
        children: [
          { type: 'line', shape: { x1: lo[0], y1: lo[1], x2: hi[0], y2: hi[1] }, style },
          { type: 'line', shape: { x1: lo[0], y1: lo[1] - h / 2, x2: lo[0], y2: lo[1] + h / 2 }, style },
          { type: 'line', shape: { x1: hi[0], y1: hi[1] - h / 2, x2: hi[0], y2: hi[1] + h / 2 }, style },
        ],
      };
    },
  };
}
