// Signs each demo user in once, through the provider's real login page, and saves the session for
// the tests (fixtures/sessions.ts). Also makes every demo user known to Slipway before any test
// adds them to a space.
import { signIn, test } from "../fixtures/auth";
import { sessionFile } from "../fixtures/sessions";
import { demoUsers, type TDemoUser } from "../fixtures/users";

for (const user of Object.keys(demoUsers) as TDemoUser[]) {
  test(`${user} signs in and the session is saved`, async ({ page }) => {
    await signIn(page, user);
    await page.context().storageState({ path: sessionFile(user) });
  });
}
