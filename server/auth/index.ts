// Sign-in for Slipway (Auth.js). Server-side entry point: pages call auth() / requireSession(),
// the route handler uses handlers, server actions use signIn() / signOut().
import "server-only";
import { cache } from "react";
import NextAuth from "next-auth";
import { redirect } from "next/navigation";
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
 * The signed-in user; redirects to /sign-in (coming back to `callbackUrl` afterwards) when
 * signed out. Pass the page's own path, e.g. requireSession(`/spaces/${slug}`).
 */
export async function requireSession(callbackUrl = "/"): Promise<TSessionUser> {
  const session = await auth();
  if (!session) redirect(signInUrl(callbackUrl));
  return session.user;
}
