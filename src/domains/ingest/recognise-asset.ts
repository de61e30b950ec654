import type { Db } from '../../db/client.js';

export type AssetKind = 'page' | 'form' | 'cta' | 'content' | 'webinar';

const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : typeof v === 'number' ? String(v) : null);

/**
 * Which landing page, form, CTA, content piece or webinar an event is about (conventions in
 * docs/tracking.md): pages by path, the rest by their *_id property, else by their name.
 */
export function assetOfEvent(e: { type: string; event: string | null; properties: Record<string, unknown>; context: Record<string, unknown> }): { kind: AssetKind; key: string; name: string | null } | null {
  const p = e.properties;
  if (e.type === 'page' || e.type === 'screen') {
    const path = str(p.path) ?? pathOf(str(p.url) ?? str((e.context.page as Record<string, unknown> | undefined)?.url));
    return path ? { kind: 'page', key: normalisePath(path), name: e.event ?? str(p.title) } : null;
  }
  if (e.type !== 'track' || !e.event) return null;
  const pick = (kind: AssetKind, idKey: string, nameKey: string, fallback?: string) => {
    const key = str(p[idKey]) ?? str(p[nameKey]) ?? fallback ?? null;
    return key ? { kind, key, name: str(p[nameKey]) ?? key } : null;
  };
  switch (e.event) {
    case 'Form Submitted':
      return pick('form', 'form_id', 'form_name');
    case 'Demo Requested':
      return pick('form', 'form_id', 'form_name', 'demo-request');
    case 'Contact Sales Requested':
      return pick('form', 'form_id', 'form_name', 'contact-sales');
    case 'CTA Clicked':
    case 'CTA Viewed':
      return pick('cta', 'cta_id', 'cta_name');
    case 'Content Downloaded':
      return pick('content', 'content_id', 'content_name');
    case 'Webinar Registered':
    case 'Webinar Attended':
      return pick('webinar', 'webinar_id', 'webinar_name');
    default:
      return null;
  }
}

function pathOf(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).pathname;
  } catch {
    return null;
  }
}

/** /Pricing/ and /pricing are one landing page; the query string is campaign noise, not a page. */
export function normalisePath(path: string): string {
  const p = path.split(/[?#]/)[0]!.toLowerCase();
  return p.length > 1 ? p.replace(/\/+$/, '') : p || '/';
}

export async function ensureAsset(db: Db, a: { kind: AssetKind; key: string; name: string | null }, at: Date): Promise<number> {
  const [row] = await db.query<{ id: number }>(
    `INSERT INTO assets (kind, key, name, first_seen) VALUES ($1, $2, $3, $4)
     ON CONFLICT (kind, key) DO UPDATE SET name = COALESCE(assets.name, EXCLUDED.name) RETURNING id`,
    [a.kind, a.key, a.name, at],
  );
  return row!.id;
}

/**
 * ensureAsset for many assets in one statement (each once; `at` is when its first event
 * happened): answers "kind\u0000key" → id, as the per-asset calls would.
 */
export async function ensureAssets(db: Db, assets: readonly { kind: AssetKind; key: string; name: string | null; at: Date }[]): Promise<Map<string, number>> {
  if (!assets.length) return new Map();
  const rows = await db.query<{ id: number; kind: string; key: string }>(
    `INSERT INTO assets (kind, key, name, first_seen) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[]) ORDER BY 1, 2
     ON CONFLICT (kind, key) DO UPDATE SET name = COALESCE(assets.name, EXCLUDED.name) RETURNING id, kind, key`,
    [assets.map((a) => a.kind), assets.map((a) => a.key), assets.map((a) => a.name), assets.map((a) => a.at)],
  );
  return new Map(rows.map((r) => [`${r.kind}\u0000${r.key}`, Number(r.id)]));
}
