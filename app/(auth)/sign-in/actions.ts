"use server";

import { configuredProviders, safeCallbackUrl, signIn } from "@/server/auth";

/** Starts sign-in with a configured provider; Auth.js redirects the browser to it. */
export async function signInWithProvider(providerId: string, callbackUrl: string): Promise<void> {
  // Bound arguments come from the client: accept only configured providers and same-site paths.
  const provider = configuredProviders().find((candidate) => candidate.id === providerId);
  if (!provider) throw new Error(`Unknown sign-in provider "${providerId}"`);
  await signIn(provider.id, { redirectTo: safeCallbackUrl(callbackUrl) });
}
