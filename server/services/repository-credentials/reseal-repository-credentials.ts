// After SLIPWAY_ENCRYPTION_KEY rotates, re-seals every repository credential's token or key under
// the current key (as clusters' credentials are), so the old key can be dropped.
import { eq, ne } from "drizzle-orm";
import type { Db } from "@/db/client";
import { repositoryCredentials } from "@/db/schema";
import { currentKeyring, openSecret } from "@/server/crypto/secret-box";
import { sealRepositorySecret } from "./credential-row";

export async function resealRepositoryCredentials(db: Db): Promise<{ resealed: number }> {
  const stale = await db
    .select({ id: repositoryCredentials.id, secret: repositoryCredentials.secret })
    .from(repositoryCredentials)
    .where(ne(repositoryCredentials.secretKeyId, currentKeyring().currentId));
  for (const row of stale) {
    await db
      .update(repositoryCredentials)
      .set(sealRepositorySecret(openSecret(row.secret)))
      .where(eq(repositoryCredentials.id, row.id));
  }
  return { resealed: stale.length };
}
