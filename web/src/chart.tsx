import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, CustomChart, FunnelChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { ComposeOption } from 'echarts/core';
import type { BarSeriesOption, CustomSeriesOption, FunnelSeriesOption, LineSeriesOption, PieSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, MarkLineComponentOption, TooltipComponentOption } from 'echarts/components';
import { formatMoney, formatNumber } from './format';

// Register only what the app draws; the full echarts build is about twice the size.
echarts.use([BarChart, CustomChart, FunnelChart, LineChart, PieChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, CanvasRenderer]);

export type ChartOption = ComposeOption<
  | BarSeriesOption
  | CustomSeriesOption
  | FunnelSeriesOption
  | LineSeriesOption
  | PieSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | MarkLineComponentOption
  | TooltipComponentOption
>;

interface ChartProps {
  option: ChartOption;
  height?: number;
  ariaLabel?: string;
  testId?: string;
}

export function Chart({ option, height = 320, ariaLabel, testId }: ChartProps) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    if (!el.current) return;
    const instance = echarts.init(el.current, undefined, { renderer: 'canvas' });
    chart.current = instance;
    // Follows the container rather than the window, so collapsing the nav or resizing a card redraws too.
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el.current);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={el} className="chart" style={{ height }} role="img" aria-label={ariaLabel} data-testid={testId} />;
}

/** A value axis as the helpers below build it: one object fits an xAxis or a yAxis option. */
export interface ValueAxisOption {
  type: 'value';
  name?: string;
  minInterval: number;
  axisLabel: { formatter: (v: number) => string };
}

/**
 * A value axis of money, labelled in whole units (formatMoney's default). Ticks are never closer than one
 * unit: ECharts spreads an all-zero axis over 0–1 in steps of 0.2, which whole-unit labels read as
 * "€0 €0 €0 €1 €1 €1" (an empty month's waterfall), and a small amount's axis had the same repeats.
 */
export function moneyAxis(name?: string, currency = 'EUR'): ValueAxisOption {
  return { type: 'value', name, minInterval: 1, axisLabel: { formatter: (v: number) => formatMoney(v, currency) } };
}

/** A value axis of things counted (leads, deals, visits): whole-number ticks, for the same reason. */
export function countAxis(name?: string): ValueAxisOption {
  return { type: 'value', name, minInterval: 1, axisLabel: { formatter: (v: number) => formatNumber(v) } };
}

/** For text put into a tooltip `formatter`'s HTML. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The row an axis tooltip is over: ECharts passes its `formatter` one param or an array of them, each with the data index. */
export function tooltipRow<T>(params: unknown, rows: readonly T[]): T | undefined {
  const first = (Array.isArray(params) ? params[0] : params) as { dataIndex: number } | undefined;
  return first ? rows[first.dataIndex] : undefined;
}
