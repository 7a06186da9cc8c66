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

/** Postgres check_violation: a CHECK constraint (the backstop of a zod rule) refused a value. */
export function isCheckViolation(error: unknown): boolean {
  return hasSqlState(error, "23514");
}

/**
 * When the error is a constraint violation (unique, foreign key or check) of one of the named
 * constraints, the AppError that constraint stands for; otherwise the error itself. Services call
 * it in `catch` to say a race or a bypassed check in the same words as their own checks.
 */
export function constraintErrorOf(
  error: unknown,
  messages: Readonly<Record<string, () => Error>>,
): unknown {
  if (!isUniqueViolation(error) && !isForeignKeyViolation(error) && !isCheckViolation(error))
    return error;
  const constraint = violatedConstraint(error);
  const make = constraint ? messages[constraint] : undefined;
  return make ? make() : error;
}
