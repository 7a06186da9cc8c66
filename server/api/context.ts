// Builds the tRPC context from a request: the session's user as the actor, the database, a request id.
import "server-only";
import { randomUUID } from "node:crypto";
import { getDb } from "@/db";
import { auth, type TSessionUser } from "@/server/auth";
import type { TActor } from "@/server/services/context";
import type { TTRPCContext } from "./trpc";

export function actorFromSessionUser(user: TSessionUser): TActor {
  return {
    id: user.id,
    label: user.username ?? user.email ?? user.name ?? user.id,
    isAdmin: user.isAdmin,
  };
}

export async function createTRPCContext(opts: { headers: Headers }): Promise<TTRPCContext> {
  const [session, db] = await Promise.all([auth(), getDb()]);
  return {
    db,
    actor: session?.user ? actorFromSessionUser(session.user) : null,
    requestId: opts.headers.get("x-request-id") ?? randomUUID(),
  };
}
