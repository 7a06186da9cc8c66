// node-postgres and PGlite both answer db.execute() with { rows }; the Db type cannot say which.
export function rowsOf<T>(result: unknown): T[] {
  const rows = (result as { rows?: unknown } | null)?.rows;
  return Array.isArray(rows) ? (rows as T[]) : [];
}
