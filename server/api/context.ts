// Builds the tRPC context from a request: the session's user as the actor, the database, a request
// id and a logger carrying it.
import "server-only";
import { randomUUID } from "node:crypto";
import { sessionFromHeaders, type TSessionUser } from "@/server/auth";
import { getDb } from "@/server/db";
import { childLogger } from "@/server/logger";
import type { TActor } from "@/server/services/context";
import { userLabel } from "@/server/services/users/user-label";
import type { TTRPCContext } from "./trpc";

/** The session's user is the stored row as of this request (database sessions), admin flag included. */
export function actorFromSessionUser(user: TSessionUser): TActor {
  return { id: user.id, label: userLabel(user), isAdmin: user.isAdmin };
}

export async function createTRPCContext(opts: { headers: Headers }): Promise<TTRPCContext> {
  const [session, db] = await Promise.all([sessionFromHeaders(opts.headers), getDb()]);
  // proxy.ts sets x-request-id on every request (keeping a client's only behind a trusted proxy).
  const requestId = opts.headers.get("x-request-id") ?? randomUUID();
  return {
    db,
    actor: session?.user ? actorFromSessionUser(session.user) : null,
    requestId,
    log: childLogger({ requestId }),
  };
}
