import { crc32, deflateSync } from 'node:zlib';
import { Resvg } from '@resvg/resvg-js';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import type { PackBlock } from '../pack-document.js';
import { escapeHtml } from './email-shell.js';
import { formatValue } from './format-value.js';
import { fontFileOnDisk } from './pdf-fonts.js';

echarts.use([LineChart, BarChart, GridComponent, LegendComponent, TitleComponent, SVGRenderer]);

export type ChartBlock = Extract<PackBlock, { type: 'chart' }>;

/** Series colours in order; the web app's charts use the same blue first. */
export const chartPalette = ['#2563eb', '#f59e0b', '#10b981', '#ef4444', '#8b5cf6', '#0ea5e9', '#6b7280'];

/**
 * Text in the image must render where no browser is involved (resvg for email and PDF), so the
 * families are ones a Linux server has (DejaVu, Liberation) before the generic one.
 */
export const chartFontFamily = "'DejaVu Sans', 'Liberation Sans', Arial, Helvetica, sans-serif";

const hasValues = (block: ChartBlock) => block.categories.length > 0 && block.series.some((s) => s.values.some((v) => v !== null));

function chartOption(block: ChartBlock, width: number) {
  const manyCategories = block.categories.length > 12;
  // Long numbers shorten on the whole axis or not at all: "€5,000" next to "€10K" reads badly.
  const compact = Math.max(0, ...block.series.flatMap((s) => s.values.map((v) => Math.abs(v ?? 0)))) >= 10_000;
  const series = block.series.map((s, i) => {
    const style = s.style ?? (block.kind === 'bar' ? 'bar' : 'line');
    const color = chartPalette[i % chartPalette.length];
    // Static images: no hover states, no tooltips, nothing that would need a script.
    const common = { name: s.name, data: s.values, silent: true, emphasis: { disabled: true }, itemStyle: { color } };
    if (style === 'bar') {
      const labelled = block.categories.length * block.series.filter((x) => (x.style ?? block.kind) === 'bar').length <= 12;
      return {
        ...common,
        type: 'bar' as const,
        barMaxWidth: 36,
        label: { show: labelled, position: 'top' as const, fontSize: 10, color: '#374151', formatter: (p: { value: unknown }) => formatValue(p.value as number | null, block.format, { compact }) },
      };
    }
    return {
      ...common,
      type: 'line' as const,
      connectNulls: false,
      showSymbol: style === 'line' && !manyCategories,
      symbolSize: 5,
      lineStyle: { color, width: 2, type: style === 'dashed' ? ('dashed' as const) : ('solid' as const) },
    };
  });
  const showLegend = block.series.length > 1;
  return {
    animation: false,
    backgroundColor: '#ffffff',
    color: chartPalette,
    textStyle: { fontFamily: chartFontFamily, fontSize: 12, color: '#374151' },
    title: hasValues(block) ? undefined : { text: 'No data for this period', left: 'center', top: 'middle', textStyle: { fontSize: 14, fontWeight: 'normal' as const, color: '#6b7280' } },
    legend: showLegend ? { show: true, top: 4, left: 'center', selectedMode: false, itemWidth: 22, itemHeight: 10, textStyle: { fontSize: 12 } } : { show: false },
    grid: { left: 12, right: 16, top: showLegend ? 40 : 16, bottom: 8, outerBoundsMode: 'same' as const, outerBoundsContain: 'all' as const },
    xAxis: {
      type: 'category' as const,
      data: block.categories,
      axisTick: { alignWithLabel: true },
      axisLabel: { hideOverlap: true, fontSize: 11, interval: manyCategories ? ('auto' as const) : 0, width: Math.max(40, width / Math.max(1, block.categories.length)), overflow: 'truncate' as const },
    },
    yAxis: {
      type: 'value' as const,
      axisLabel: { fontSize: 11, formatter: (v: number) => formatValue(v, block.format, { compact }) },
      splitLine: { lineStyle: { color: '#e5e7eb' } },
    },
    series,
  };
}

/**
 * The chart as a standalone SVG (ECharts server-side rendering): inline in the page, and the
 * source of the PNG for email and PDF.
 */
export function chartSvg(block: ChartBlock, size: { width: number; height: number }): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height });
  try {
    chart.setOption(chartOption(block, size.width));
    // The heading is the renderer's (it links to the page), so the image itself has no title;
    // ECharts' aria option only works in a browser, hence the name set here.
    return chart.renderToSVGString().replace(/^<svg /, `<svg role="img" aria-label="${escapeHtml(block.title)}" `);
  } finally {
    chart.dispose();
  }
}

let fontFiles: string[] | undefined;

/**
 * resvg's fonts: DejaVu Sans from the font package the PDFs embed (so a server without system fonts,
 * a slim container, still draws the labels), then the system's for scripts DejaVu lacks (CJK).
 */
export function chartFonts(opts: { system?: boolean } = {}) {
  fontFiles ??= (['regular', 'bold'] as const).map(fontFileOnDisk).filter((f): f is string => f !== null);
  return { fontFiles, loadSystemFonts: opts.system ?? true, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' };
}

/**
 * The chart as a PNG of `size` laid out as the SVG is; `scale` 2 gives a sharp image shown at
 * `size` on high-density screens and in print (the PNG is then size × scale pixels).
 */
export function chartPng(block: ChartBlock, size: { width: number; height: number }, opts: { scale?: number } = {}): Buffer {
  const scale = opts.scale ?? 1;
  const svg = chartSvg(block, size);
  const image = new Resvg(svg, {
    fitTo: scale === 1 ? { mode: 'original' } : { mode: 'width', value: Math.round(size.width * scale) },
    background: '#ffffff',
    font: chartFonts(),
  }).render();
  return opaquePng(image.pixels, image.width, image.height);
}

/**
 * An RGB PNG of RGBA pixels on an opaque background. resvg writes RGBA; pdfkit then splits the
 * alpha channel out in JavaScript (half a second a chart), while an RGB PNG goes into the PDF
 * as it is. The image is smaller in the email too.
 */
function opaquePng(rgba: Buffer, width: number, height: number): Buffer {
  const stride = width * 3;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (stride + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      const from = (y * width + x) * 4;
      raw[row + 1 + x * 3] = rgba[from]!;
      raw[row + 2 + x * 3] = rgba[from + 1]!;
      raw[row + 3 + x * 3] = rgba[from + 2]!;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits, truecolour, deflate, no filter method, no interlace
  return Buffer.concat([PNG_SIGNATURE, pngChunk('IHDR', header), pngChunk('IDAT', deflateSync(raw)), pngChunk('IEND', Buffer.alloc(0))]);
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}
