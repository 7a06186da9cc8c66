/** Whether the error, or one it wraps (drizzle puts the driver's in `cause`), has this SQLSTATE. */
function hasSqlState(error: unknown, code: string): boolean {
  for (let e: unknown = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === code) return true;
  }
  return false;
}

/** Postgres unique_violation, from pg or PGlite. */
export function isUniqueViolation(error: unknown): boolean {
  return hasSqlState(error, "23505");
}

/** The constraint (index) a unique violation names, when the driver reports it. */
export function violatedConstraint(error: unknown): string | null {
  for (let e: unknown = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    const constraint = (e as { constraint?: unknown }).constraint;
    if (typeof constraint === "string") return constraint;
  }
  return null;
}

/** Postgres foreign_key_violation: a row still referenced (ON DELETE RESTRICT) or a parent gone. */
export function isForeignKeyViolation(error: unknown): boolean {
  return hasSqlState(error, "23503");
}
