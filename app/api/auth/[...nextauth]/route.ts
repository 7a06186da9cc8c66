// Auth.js endpoints (/api/auth/signin, /callback/<provider>, /session, /signout, ...).
import { handlers } from "@/server/auth";

export const { GET, POST } = handlers;
