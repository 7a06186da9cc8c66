// What every service receives first: `fn(ctx, input)`. Services know nothing of tRPC or Next;
// the tRPC context (or a test, or a script) builds this.
import type { Logger } from "pino";
import type { Db } from "@/db/client";
import type { TSpaceRole } from "@/lib/validators/space";
import type { TSpaceRow } from "./spaces/space-row";

/** Who is acting. Services take it explicitly so they stay free of Auth.js and Next. */
export interface TActor {
  id: string;
  /** Shown in audit records: username, else name, else email. */
  label: string;
  isAdmin: boolean;
}

export interface TServiceContext {
  db: Db;
  actor: TActor;
  requestId: string;
  /** A child logger carrying the request id. */
  log: Logger;
}

/** A service inside a space: the space as loaded for this request and the actor's role in it. */
export interface TSpaceContext extends TServiceContext {
  space: TSpaceRow;
  /** The actor's effective role; admins act as owners of every space. */
  role: TSpaceRole;
  /** Whether the actor is a member in their own right (an admin may not be). */
  isMember: boolean;
}

/** The same context on a transaction handle, for helpers called inside `db.transaction`. */
export function inTransaction<C extends TServiceContext>(ctx: C, tx: Db): C {
  return { ...ctx, db: tx };
}
