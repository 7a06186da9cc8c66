// Gives every request an id (kept if a trusted proxy in front already set a sane one) that logs and
// audit records carry, and echoes it in the response so a user can quote it.
import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/server/env";
import { requestIdFor } from "@/server/http/request-id";

export function proxy(request: NextRequest) {
  const requestId = requestIdFor(request.headers.get("x-request-id"), env.SLIPWAY_TRUST_PROXY);
  const headers = new Headers(request.headers);
  headers.set("x-request-id", requestId);
  // Layouts are not told the path; this lets the portal send a signed-out visitor back after sign-in.
  headers.set("x-slipway-path", `${request.nextUrl.pathname}${request.nextUrl.search}`);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("x-request-id", requestId);
  return response;
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
