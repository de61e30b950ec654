import type { Db } from '../db/client.js';

/**
 * Everything migrations create in the schema in use, as rows that differ when one table, column,
 * index, constraint, function or trigger does: two ways of migrating are compared by it. Named
 * without the schema, so that two throwaway schemas on the server compare equal.
 */
export async function migratedCatalog(db: Db) {
  return {
    columns: await db.query(`SELECT table_name, column_name, data_type, is_nullable, column_default FROM information_schema.columns WHERE table_schema = current_schema() ORDER BY 1, 2`),
    indexes: await db.query(`SELECT tablename, indexname, replace(indexdef, quote_ident(current_schema()) || '.', '') AS indexdef FROM pg_indexes WHERE schemaname = current_schema() ORDER BY 1, 2`),
    constraints: await db.query(`SELECT conrelid::regclass::text AS rel, conname, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE connamespace = current_schema()::regnamespace ORDER BY 1, 2`),
    functions: await db.query(`SELECT proname, pg_get_function_identity_arguments(oid) AS args, md5(prosrc) AS src FROM pg_proc WHERE pronamespace = current_schema()::regnamespace ORDER BY 1, 2`),
    triggers: await db.query(`SELECT tgrelid::regclass::text AS rel, tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE NOT tgisinternal AND c.relnamespace = current_schema()::regnamespace ORDER BY 1, 2`),
    extensions: await db.query(`SELECT extname FROM pg_extension ORDER BY 1`),
    migrations: await db.query(`SELECT version, name FROM schema_migrations ORDER BY 1`),
  };
}
