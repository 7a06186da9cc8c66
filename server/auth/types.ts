// Slipway's additions to Auth.js's types: users carry a username and an admin flag, and the
// session exposes them (session.user.id/username/isAdmin are always present when signed in).
import type { DefaultSession } from "next-auth";

export interface TSessionUser {
  id: string;
  name: string | null;
  email: string | null;
  image: string | null;
  /** Lower-cased preferred_username (OIDC) or login (GitHub); null when the provider gave none. */
  username: string | null;
  isAdmin: boolean;
}

export interface TSession extends Omit<DefaultSession, "user"> {
  user: TSessionUser;
}

declare module "next-auth" {
  interface Session {
    user: TSessionUser;
  }
  interface User {
    username?: string | null;
    isAdmin?: boolean;
  }
}

declare module "@auth/core/types" {
  interface Session {
    user: TSessionUser;
  }
  interface User {
    username?: string | null;
    isAdmin?: boolean;
  }
}
