// The SQLSTATE a database statement failed with (from pg or PGlite, through drizzle's wrapping),
// so a test can say which constraint kind refused it: 23505 unique, 23503 foreign key, 23514 check.
export async function sqlStateOf(statement: PromiseLike<unknown>): Promise<string | null> {
  try {
    await statement;
  } catch (error) {
    for (let e: unknown = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
      const code = (e as { code?: unknown }).code;
      if (typeof code === "string") return code;
    }
    throw error;
  }
  return null;
}
