// Where to send the browser after sign-in. Only same-site paths are accepted, so a crafted
// ?callbackUrl= cannot turn the sign-in page into an open redirect.

const PROBE_ORIGIN = "http://slipway.invalid";

/**
 * "/spaces?x=1" is kept; "https://evil.example", "//evil.example", "/\evil" and "/<TAB>/evil"
 * become "/". The value is resolved as a browser would (which drops tabs and newlines and treats
 * backslashes as slashes) and kept only if it stays on this origin.
 */
export function safeCallbackUrl(value: unknown): string {
  if (typeof value !== "string" || !value.startsWith("/")) return "/";
  try {
    const url = new URL(value, PROBE_ORIGIN);
    return url.origin === PROBE_ORIGIN ? `${url.pathname}${url.search}${url.hash}` : "/";
  } catch {
    return "/";
  }
}

/** The sign-in page, coming back to `callbackUrl` afterwards. */
export function signInUrl(callbackUrl?: string): string {
  const target = safeCallbackUrl(callbackUrl);
  return target === "/" ? "/sign-in" : `/sign-in?${new URLSearchParams({ callbackUrl: target })}`;
}
