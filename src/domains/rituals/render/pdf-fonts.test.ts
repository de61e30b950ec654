import { create, type Font } from 'fontkit';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { sfntFromWoff } from './pdf-fonts.js';

const require = createRequire(import.meta.url);
const woff = readFileSync(require.resolve('@fontsource/dejavu-sans/files/dejavu-sans-latin-400-normal.woff'));
const open = (b: Buffer) => create(b) as Font;

describe('sfntFromWoff', () => {
  it('unwraps the WOFF into a TrueType font with the same glyphs, outlines and metrics', () => {
    const ttf = sfntFromWoff(woff);
    expect(ttf.readUInt32BE(0)).toBe(0x00010000);
    const [a, b] = [open(woff), open(ttf)];
    expect(b.type).toBe('TTF');
    expect(b.numGlyphs).toBe(a.numGlyphs);
    expect(b.unitsPerEm).toBe(a.unitsPerEm);
    // Short: reading the WOFF itself is the slow path this function exists to avoid.
    const text = 'Łukasz Привет Ωμέγα Nguyễn';
    const [ra, rb] = [a.layout(text), b.layout(text)];
    expect(rb.glyphs.map((g) => g.id)).toEqual(ra.glyphs.map((g) => g.id));
    expect(rb.positions.map((p) => p.xAdvance)).toEqual(ra.positions.map((p) => p.xAdvance));
    expect(rb.glyphs.map((g) => g.path.toSVG())).toEqual(ra.glyphs.map((g) => g.path.toSVG()));
  });

  it('rejects what is not a whole WOFF file', () => {
    expect(() => sfntFromWoff(Buffer.from('not a font at all, just some text of some length'))).toThrow(/not a WOFF/);
    expect(() => sfntFromWoff(woff.subarray(0, woff.length - 1000))).toThrow();
  });
});
