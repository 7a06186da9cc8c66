// Sign-in for Slipway (Auth.js). Server-side entry point: pages call auth() / requireSession(),
// the route handler uses handlers, server actions use signIn() / signOut().
import "server-only";
import { cache } from "react";
import NextAuth from "next-auth";
import { redirect } from "next/navigation";
import { NextRequest } from "next/server";
import { env } from "@/server/env";
import { signInUrl } from "./callback-url";
import { getAuthConfig } from "./config";
import type { TSession, TSessionUser } from "./types";

export type { TSession, TSessionUser } from "./types";
export { configuredProviders, type TProviderInfo } from "./providers";
export { safeCallbackUrl, signInUrl } from "./callback-url";
export { isSignInRefusal, SIGN_IN_REFUSALS } from "./sign-in-policy";

const nextAuth = NextAuth(() => getAuthConfig());

export const { handlers, signIn, signOut } = nextAuth;

/** The current session or null; cached per server request (React cache). */
export const auth = cache(async (): Promise<TSession | null> => {
  const session = await nextAuth.auth();
  return session?.user?.id ? session : null;
});

/**
 * The session a request's cookies carry, for route handlers: asks Auth.js's own session endpoint,
 * as auth() does, but from the request's headers rather than React's request scope. Sessions are
 * database sessions, so the user (and their admin flag) is read from the user row every time.
 */
export async function sessionFromHeaders(headers: Headers): Promise<TSession | null> {
  const request = new NextRequest(`${env.AUTH_URL}/api/auth/session`, {
    headers: { cookie: headers.get("cookie") ?? "" },
  });
  const response = await handlers.GET(request);
  // Any failure is "no session": an error body must never pass for a signed-in user.
  if (!response.ok) return null;
  const session = (await response.json()) as TSession | null;
  return session?.user?.id ? session : null;
}

/**
 * The signed-in user; redirects to /sign-in (coming back to `callbackUrl` afterwards) when
 * signed out. Pass the page's own path, e.g. requireSession(`/spaces/${slug}`).
 */
export async function requireSession(callbackUrl = "/"): Promise<TSessionUser> {
  const session = await auth();
  if (!session) redirect(signInUrl(callbackUrl));
  return session.user;
}
