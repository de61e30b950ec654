import { describe, expect, it } from 'vitest';
import { Resvg } from '@resvg/resvg-js';
import { chartFonts, chartPalette, chartPng, chartSvg, type ChartBlock } from './pack-chart.js';
import { darkPixels, decodePng, pixelsNear, pngSize } from './png-testing.js';
import { hostileText, samplePack } from './sample-pack.js';

const charts = () => samplePack().sections.flatMap((s) => s.blocks.filter((b): b is ChartBlock => b.type === 'chart'));

describe('chartSvg', () => {
  it('renders a line chart with the pace series dashed and the money axis formatted', () => {
    const [line] = charts();
    const svg = chartSvg(line!, { width: 600, height: 260 });
    expect(svg).toMatch(/^<svg role="img" aria-label="Cumulative MQL value against the pace to target" width="600" height="260"/);
    // One dashed series (the pace), one solid: only the pace line and its legend icon are dashed.
    const dashed = svg.match(/<path [^>]*stroke-dasharray[^>]*>/g) ?? [];
    expect(dashed.length).toBeGreaterThanOrEqual(1);
    expect(dashed.every((p) => p.includes(`stroke="${chartPalette[1]}"`))).toBe(true);
    expect(svg).toContain(`stroke="${chartPalette[0]}"`);
    // The axis shortens long amounts on the whole axis: €30K at the top, never "30000".
    expect(svg).toContain('>€30K</text>');
    expect(svg).toContain('>€10K</text>');
    expect(svg).not.toMatch(/>30000</);
    expect(svg).toContain('>MQL value</text>');
    expect(svg).toContain('>Pace to target</text>');
    expect(svg).not.toMatch(/<script/i);
  });

  it('labels bars with their values and formats an hours axis', () => {
    const [, bar, hours] = charts();
    const svg = chartSvg(bar!, { width: 600, height: 260 });
    for (const v of ['18', '11', '9', '5', '3']) expect(svg).toContain(`>${v}</text>`);
    expect(svg).toContain('>Organic search</text>');
    expect(chartSvg(hours!, { width: 600, height: 260 })).toContain('>3.5 h</text>');
  });

  it('escapes labels and says so when there is nothing to draw', () => {
    const hostile: ChartBlock = { type: 'chart', title: hostileText, kind: 'line', format: 'number', categories: [hostileText], series: [{ name: hostileText, values: [1] }, { name: 'b', values: [2] }] };
    const svg = chartSvg(hostile, { width: 400, height: 200 });
    expect(svg).not.toContain('<img');
    expect(svg).toContain('&lt;img src=x onerror=alert(1)&gt;');
    const empty = chartSvg({ type: 'chart', title: 'Nothing', kind: 'bar', format: 'money', categories: [], series: [] }, { width: 400, height: 200 });
    expect(empty).toContain('No data for this period');
  });
});

describe('chartPng', () => {
  it('decodes to the size asked, with the series and the axis text drawn', () => {
    const [line] = charts();
    const png = chartPng(line!, { width: 640, height: 260 });
    const img = decodePng(png);
    expect([img.width, img.height]).toEqual([640, 260]);
    // The first series' blue line is there.
    expect(pixelsNear(img, chartPalette[0]!)).toBeGreaterThan(300);
    // The y-axis labels ("€30K"…) sit in the left strip, where nothing but text is drawn: with no
    // usable font that strip would be blank.
    expect(darkPixels(img, { x: 0, y: 30, width: 40, height: 200 })).toBeGreaterThan(100);
  });

  it('draws its text with the packaged font on a machine without system fonts', () => {
    const [line] = charts();
    const svg = chartSvg(line!, { width: 640, height: 260 });
    const axisInk = (font: ReturnType<typeof chartFonts>) =>
      darkPixels(decodePng(new Resvg(svg, { background: '#ffffff', font }).render().asPng()), { x: 0, y: 30, width: 40, height: 200 });
    const packaged = chartFonts({ system: false });
    expect(packaged.fontFiles).toHaveLength(2);
    expect(axisInk(packaged)).toBeGreaterThan(100);
    // The control: with no font at all the axis strip stays blank, so the figure above is the font's.
    expect(axisInk({ ...packaged, fontFiles: [] })).toBe(0);
  });

  it('rasterises at a higher density without changing the layout', () => {
    const [, bar] = charts();
    const small = chartPng(bar!, { width: 300, height: 150 });
    const sharp = chartPng(bar!, { width: 300, height: 150 }, { scale: 2 });
    expect(pngSize(small)).toEqual({ width: 300, height: 150 });
    expect(pngSize(sharp)).toEqual({ width: 600, height: 300 });
    decodePng(sharp);
  });
});
