// The login page of the emulated OpenShift OAuth server. OpenShift redirects /oauth/authorize to
// /login?then=… (htpasswd provider), keeps the login in a session cookie with a CSRF token and
// redirects back; here the form posts straight back to /oauth/authorize with the request in hidden
// fields — the same inputs and outcome (a code, or the form again) with fewer round trips.

/** The authorize request's parameters the form carries through the login. */
export const AUTHORIZE_PARAMS = [
  "client_id",
  "redirect_uri",
  "response_type",
  "scope",
  "state",
  "code_challenge",
  "code_challenge_method",
] as const;

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The htpasswd login form; `failed` adds OpenShift's message for a wrong name or password. */
export function loginPage(params: URLSearchParams, opts: { failed?: boolean } = {}): string {
  const hidden = AUTHORIZE_PARAMS.filter((k) => params.has(k))
    .map((k) => `<input type="hidden" name="${k}" value="${escapeHtml(params.get(k) ?? "")}">`)
    .join("\n    ");
  const error = opts.failed
    ? `<p class="error" role="alert">Login failed: Invalid login or password. Please try again.</p>`
    : "";
  return `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Log in · OpenShift (k8s-test-server)</title></head>
<body>
  <h1>Log in to your account</h1>
  ${error}
  <form method="POST" action="/oauth/authorize">
    ${hidden}
    <label for="inputUsername">Username</label>
    <input type="text" id="inputUsername" name="username" autocomplete="username" autofocus>
    <label for="inputPassword">Password</label>
    <input type="password" id="inputPassword" name="password" autocomplete="current-password">
    <button type="submit">Log in</button>
  </form>
</body>
</html>
`;
}
