/**
 * How a person is named in audit records and the UI: username, else name, else e-mail, else id.
 * The one place this fallback lives, so every label agrees. Audit readers who may not see e-mail
 * addresses get them masked on the way out.
 */
export function userLabel(user: {
  id: string;
  username?: string | null;
  name?: string | null;
  email?: string | null;
}): string {
  return user.username ?? user.name ?? user.email ?? user.id;
}
