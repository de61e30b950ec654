import { create, type Font } from 'fontkit';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { inflateSync } from 'node:zlib';

/**
 * The fonts meeting-pack PDFs are set in: DejaVu Sans from the npm package @fontsource/dejavu-sans
 * (Bitstream Vera licence, permissive; DejaVu's own changes are public domain). It draws Latin
 * with Extended-A/B and Vietnamese, Greek, Cyrillic, Hebrew and Arabic (Arabic in the upright
 * faces only), and pdfkit embeds only the glyphs a document uses. The upright, bold and oblique
 * faces are all it needs.
 *
 * Should the package be missing or unreadable, PDFs fall back to the standard Helvetica (WinAnsi:
 * Western European text only) with a process warning, rather than failing every PDF download.
 */

export type PdfFaceName = 'regular' | 'bold' | 'italic';

export interface PdfFace {
  /**
   * What pdfkit's `registerFont` is given: a standard font's name or a parsed fontkit font, which
   * every document shares with its caches, rather than each parsing the file anew.
   */
  readonly src: string | Font;
  /** Whether the face has a glyph for the character. */
  has(codePoint: number): boolean;
}

export interface PdfFonts {
  /** False when the standard fonts stand in for the embedded ones. */
  readonly embedded: boolean;
  readonly faces: Readonly<Record<PdfFaceName, PdfFace>>;
}

const PACKAGE = '@fontsource/dejavu-sans';
const FILES: Record<PdfFaceName, string> = {
  regular: 'dejavu-sans-latin-400-normal.woff',
  bold: 'dejavu-sans-latin-700-normal.woff',
  italic: 'dejavu-sans-latin-400-italic.woff',
};

/** Resolves the font files from the node_modules around this module, in the sources as in dist/. */
const require = createRequire(import.meta.url);

/** Characters beyond Latin-1 that the standard fonts' WinAnsi encoding has. */
const winAnsiExtras = new Set([...'€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ'].map((c) => c.codePointAt(0)!));
const winAnsi = (cp: number) => (cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0xff) || winAnsiExtras.has(cp);

/** Helvetica, for when the embedded font cannot be loaded. */
export const standardPdfFonts: PdfFonts = {
  embedded: false,
  faces: {
    regular: { src: 'Helvetica', has: winAnsi },
    bold: { src: 'Helvetica-Bold', has: winAnsi },
    italic: { src: 'Helvetica-Oblique', has: winAnsi },
  },
};

/**
 * WOFF 1.0 to the plain TrueType it wraps. fontkit reads WOFF, but inflates a whole table (in
 * JavaScript) on every glyph it reads, which made a pack take seconds; node's zlib unpacks each
 * table once instead.
 */
export function sfntFromWoff(woff: Buffer): Buffer {
  if (woff.length < 44 || woff.toString('latin1', 0, 4) !== 'wOFF') throw new Error('not a WOFF font');
  const numTables = woff.readUInt16BE(12);
  const tables = Array.from({ length: numTables }, (_, i) => {
    const at = 44 + 20 * i;
    const offset = woff.readUInt32BE(at + 4);
    const compLength = woff.readUInt32BE(at + 8);
    const origLength = woff.readUInt32BE(at + 12);
    const stored = woff.subarray(offset, offset + compLength);
    const data = compLength < origLength ? inflateSync(stored) : stored;
    if (stored.length !== compLength || data.length !== origLength) throw new Error('damaged WOFF table');
    return { tag: woff.readUInt32BE(at), checksum: woff.readUInt32BE(at + 16), data };
  });
  const padded = (n: number) => (n + 3) & ~3;
  const out = Buffer.alloc(12 + 16 * numTables + tables.reduce((a, t) => a + padded(t.data.length), 0));
  const pow2 = 2 ** Math.floor(Math.log2(Math.max(1, numTables)));
  out.writeUInt32BE(woff.readUInt32BE(4), 0);
  out.writeUInt16BE(numTables, 4);
  out.writeUInt16BE(pow2 * 16, 6);
  out.writeUInt16BE(Math.log2(pow2), 8);
  out.writeUInt16BE(numTables * 16 - pow2 * 16, 10);
  let offset = 12 + 16 * numTables;
  tables.forEach((t, i) => {
    const rec = 12 + 16 * i;
    out.writeUInt32BE(t.tag, rec);
    out.writeUInt32BE(t.checksum, rec + 4);
    out.writeUInt32BE(offset, rec + 8);
    out.writeUInt32BE(t.data.length, rec + 12);
    t.data.copy(out, offset);
    offset += padded(t.data.length);
  });
  return out;
}

/**
 * Loads the embedded faces; `resolveFile` turns a file name of the font package into a path.
 * On any failure it warns and returns the standard fonts.
 */
export function loadPdfFonts(resolveFile: (file: string) => string = (file) => require.resolve(`${PACKAGE}/files/${file}`)): PdfFonts {
  try {
    const face = (file: string): PdfFace => {
      // fontkit is pdfkit's own font engine (the same copy, deduplicated): pdfkit lays out with it.
      const font = create(sfntFromWoff(readFileSync(resolveFile(file))));
      if (!('hasGlyphForCodePoint' in font) || !font.hasGlyphForCodePoint(0x41)) throw new Error(`${file} is not a font with Latin letters`);
      return { src: font, has: (cp) => font.hasGlyphForCodePoint(cp) };
    };
    return { embedded: true, faces: { regular: face(FILES.regular), bold: face(FILES.bold), italic: face(FILES.italic) } };
  } catch (err) {
    process.emitWarning(`Meeting-pack PDFs use Helvetica, which prints only Western European text: the font from ${PACKAGE} could not be loaded (${(err as Error).message}).`, {
      code: 'REVLOOP_PDF_FONT',
    });
    return standardPdfFonts;
  }
}

/**
 * A face of the font as a TrueType file on disk, for renderers that read fonts from paths (resvg,
 * for the charts of emails and PDFs): written once to the temporary folder, named by the package's
 * version, and renamed into place so two processes never read half a file. Null if unavailable.
 */
export function fontFileOnDisk(face: PdfFaceName): string | null {
  try {
    const version = (require(`${PACKAGE}/package.json`) as { version: string }).version;
    const path = join(tmpdir(), `revloop-dejavu-sans-${version}-${face}.ttf`);
    if (!existsSync(path)) {
      const partial = `${path}.${process.pid}.part`;
      writeFileSync(partial, sfntFromWoff(readFileSync(require.resolve(`${PACKAGE}/files/${FILES[face]}`))));
      renameSync(partial, path);
    }
    return path;
  } catch {
    return null;
  }
}

let loaded: PdfFonts | undefined;

/** The fonts for PDFs, loaded on first use and kept for the life of the process. */
export function pdfFonts(): PdfFonts {
  loaded ??= loadPdfFonts();
  return loaded;
}
