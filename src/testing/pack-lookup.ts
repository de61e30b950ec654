import type { Figure, PackBlock, PackDocument, PackSection } from '../domains/rituals/pack-document.js';

// Reading a pack or daily dashboard in tests: each lookup throws naming what is missing (and what
// is there), so a failing test says which part of the document it did not find.

export type TableBlock = Extract<PackBlock, { type: 'table' }>;

export function section(doc: PackDocument, key: string): PackSection {
  const s = doc.sections.find((x) => x.key === key);
  if (!s) throw new Error(`no section ${key}: ${doc.sections.map((x) => x.key).join(', ')}`);
  return s;
}

/** The section's `n`th block of a type (from 0). */
export function block<T extends PackBlock['type']>(s: PackSection, type: T, n = 0): Extract<PackBlock, { type: T }> {
  const b = s.blocks.filter((x) => x.type === type)[n];
  if (!b) throw new Error(`section ${s.key} has no ${type} block #${n}`);
  return b as Extract<PackBlock, { type: T }>;
}

/** The section's table of that title (or whose title matches). */
export function table(s: PackSection, title: string | RegExp): TableBlock {
  const t = s.blocks.find((b) => b.type === 'table' && (typeof title === 'string' ? b.title === title : title.test(b.title ?? '')));
  if (!t) throw new Error(`section ${s.key} has no table "${String(title)}"`);
  return t as TableBlock;
}

/** The figure of that label in any of the section's figures blocks. */
export function figure(s: PackSection, label: string): Figure {
  const f = s.blocks.flatMap((b) => (b.type === 'figures' ? b.items : [])).find((x) => x.label === label);
  if (!f) throw new Error(`section ${s.key} has no figure "${label}"`);
  return f;
}

/** A table's cells, row by row. */
export const cells = (t: TableBlock) => t.rows.map((r) => r.cells);

/** Every link of the document's figures, table rows, charts and list items, with where it stands ("section: label"); href undefined where one has none. */
export function links(doc: PackDocument): { where: string; href: string | undefined }[] {
  return doc.sections.flatMap((s) =>
    s.blocks.flatMap((b) => {
      switch (b.type) {
        case 'figures': return b.items.map((f) => ({ where: `${s.key}: ${f.label}`, href: f.href }));
        case 'table': return b.rows.map((r) => ({ where: `${s.key}: ${b.title}`, href: r.href }));
        case 'chart': return [{ where: `${s.key}: ${b.title}`, href: b.href }];
        case 'list': return b.items.map((i) => ({ where: `${s.key}: ${i.text}`, href: i.href }));
        default: return [];
      }
    }),
  );
}
