// Demo accounts of the development identity provider. Development only: the password is public.
import { timingSafeEqual } from "node:crypto";

export interface TDemoUser {
  /** Login name, also the OIDC `sub` and `preferred_username`. */
  username: string;
  name: string;
  email: string;
  /** What the user is meant to demonstrate (shown on the login page). */
  role: string;
}

/** The password of every demo user. */
export const DEMO_PASSWORD = "slipway";

export const DEMO_USERS: readonly TDemoUser[] = [
  { username: "alice", name: "Alice Admin", email: "alice@example.com", role: "Administrator" },
  { username: "bob", name: "Bob Developer", email: "bob@example.com", role: "Developer" },
  { username: "carol", name: "Carol Developer", email: "carol@example.com", role: "Developer" },
  { username: "dave", name: "Dave Developer", email: "dave@example.com", role: "Developer" },
  { username: "erin", name: "Erin Newcomer", email: "erin@example.com", role: "Developer" },
];

export function findDemoUser(username: string): TDemoUser | undefined {
  const wanted = username.trim().toLowerCase();
  return DEMO_USERS.find((user) => user.username === wanted);
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** The demo user for these credentials, or undefined when the username or password is wrong. */
export function verifyDemoCredentials(username: string, password: string): TDemoUser | undefined {
  const user = findDemoUser(username);
  const passwordOk = safeEqual(password, DEMO_PASSWORD);
  return user && passwordOk ? user : undefined;
}
