// Where to send the browser after sign-in. Only same-site paths are accepted, so a crafted
// ?callbackUrl= cannot turn the sign-in page into an open redirect.

/** "/spaces?x=1" is kept; "https://evil.example", "//evil.example" and "/\evil" become "/". */
export function safeCallbackUrl(value: unknown): string {
  if (
    typeof value !== "string" ||
    !value.startsWith("/") ||
    value.startsWith("//") ||
    value.startsWith("/\\")
  ) {
    return "/";
  }
  return value;
}

/** The sign-in page, coming back to `callbackUrl` afterwards. */
export function signInUrl(callbackUrl?: string): string {
  const target = safeCallbackUrl(callbackUrl);
  return target === "/" ? "/sign-in" : `/sign-in?${new URLSearchParams({ callbackUrl: target })}`;
}
