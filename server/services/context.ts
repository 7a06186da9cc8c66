import type { Db } from "@/db/client";

/** Who is acting. Services take it explicitly so they stay free of Auth.js and Next. */
export interface TActor {
  id: string;
  /** Shown in audit records: username, else email, else name. */
  label: string;
  isAdmin: boolean;
}

export interface TServiceContext {
  db: Db;
  actor: TActor;
  requestId?: string;
}
