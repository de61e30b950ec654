/**
 * The text a contact search matches: normalised email, then "first last". The trigram index in
 * migration 0002 is built on exactly this expression, so queries must use this function too.
 */
export function contactSearchText(alias: string): string {
  return `COALESCE(${alias}.email_normalized, '') || ' ' || lower(COALESCE(${alias}.first_name, '') || ' ' || COALESCE(${alias}.last_name, ''))`;
}
