// Logging in at the test server's emulated OpenShift OAuth server as a browser would, over HTTPS
// trusting the server's CA (the contract suite's client): the authorize request shows a login form,
// and posting it answers with a redirect to the client's redirect URI.
import { logInThrough } from "../k8s-test-server/contract/openshift-oauth-client";

/**
 * From the authorization URL through the login form; returns where the OAuth server redirects
 * (the callback with `code` and `state`, or with `error`). Throws when it answers otherwise.
 */
export async function logInAtOpenShift(
  authorizationUrl: string,
  ca: string,
  login: { username: string; password: string },
): Promise<URL> {
  const { page, answer } = await logInThrough(authorizationUrl, ca, login);
  if (page.status !== 200)
    throw new Error(`the OAuth server answered ${page.status}: ${page.text.slice(0, 200)}`);
  const location = answer.headers.location;
  if (answer.status !== 302 || !location)
    throw new Error(`the login answered ${answer.status}: ${answer.text.slice(0, 200)}`);
  return new URL(location);
}
