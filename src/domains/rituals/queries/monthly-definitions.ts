// MQL definition versions by number, for the labels of their clauses (a contact records the
// version and clause id that qualified it; the words are in the version's definition).
export const definitionVersionsSql = /* sql */ `
SELECT version, definition, created_at FROM mql_definitions WHERE version = ANY($1::int[]) ORDER BY version`;

// The version in force: the newest one.
export const currentDefinitionVersionSql = /* sql */ `
SELECT max(version) AS version FROM mql_definitions`;

/**
 * The group mqlValueSql (src/domains/marketing-sla/queries/mql-value.ts) splits MQLs by for
 * definition performance: "<version>:<clause id>", ":" when the MQL records neither (imported,
 * set by hand). Reusing that query keeps "customer", "revenue" and "value per MQL" the value
 * report's own.
 */
export const definitionClauseGroup = `COALESCE(c.mql_definition_version::text, '') || ':' || COALESCE(c.mql_clause, '')`;
