// What the connect flow's route handlers answer: back to Slipway on success, and a small page in
// plain words when connecting failed (nothing was stored, and the person can try again).
import { CLUSTER_CONNECT_CALLBACK_PATH } from "@/lib/cluster-connect";
import { escapeHtml } from "@/lib/escape-html";
import { env } from "@/server/env";

/** The fixed redirect URI registered at every cluster's identity provider. */
export function connectRedirectUri(): string {
  return `${env.SLIPWAY_URL}${CLUSTER_CONNECT_CALLBACK_PATH}`;
}

/** A redirect to a same-site path (already made safe), on Slipway's own origin. */
export function redirectTo(path: string, params: Record<string, string> = {}): Response {
  const url = new URL(path, env.SLIPWAY_URL);
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  return Response.redirect(url, 303);
}

export function connectFailedPage(message: string, backPath = "/connections"): Response {
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Connecting failed · Slipway</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#111}a{color:#1d4ed8}</style>
</head><body><main>
<h1>Connecting to the cluster failed</h1>
<p role="alert">${escapeHtml(message)}</p>
<p>Nothing was stored. <a href="${escapeHtml(backPath)}">Go back</a> and try again.</p>
</main></body></html>`;
  return new Response(html, {
    status: 400,
    headers: {
      "content-type": "text/html; charset=utf-8",
      "cache-control": "no-store",
      "referrer-policy": "no-referrer",
    },
  });
}
