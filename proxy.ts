// Gives every request an id (kept if a trusted proxy in front already set a sane one) that logs and
// audit records carry, and echoes it in the response so a user can quote it.
import { NextResponse, type NextRequest } from "next/server";

const SANE_REQUEST_ID = /^[A-Za-z0-9._-]{8,100}$/;

export function proxy(request: NextRequest) {
  const incoming = request.headers.get("x-request-id");
  const requestId = incoming && SANE_REQUEST_ID.test(incoming) ? incoming : crypto.randomUUID();
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
