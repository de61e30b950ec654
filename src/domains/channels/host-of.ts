/**
 * The host of a URL or of a bare host name ("google.es"), lower-cased, without "www.", port or
 * trailing dot; null when the value names no host. App referrers such as
 * android-app://com.google.android.gm/ answer their package name, which the source lists know.
 */
export function hostOf(value: string | undefined): string | null {
  const v = value?.trim();
  // A path alone would otherwise parse as "http:///pricing" with host "pricing".
  if (!v || v.startsWith('/')) return null;
  const host = (parseUrl(v) ?? parseUrl(`http://${v}`))?.hostname.toLowerCase();
  return host ? host.replace(/^www\./, '').replace(/\.$/, '') : null;
}

/** True when one host is the other or a subdomain of it (blog.acme.com and acme.com). */
export function sameSite(a: string, b: string): boolean {
  return a === b || a.endsWith(`.${b}`) || b.endsWith(`.${a}`);
}

export function parseUrl(value: string, base?: string): URL | null {
  try {
    return new URL(value, base);
  } catch {
    return null;
  }
}
