// Where the cluster's identity provider sends the browser back (see finishClusterConnect).
import { createTRPCContext } from "@/server/api/context";
import { signInUrl } from "@/server/auth";
import { ConnectFailed } from "@/server/services/connections/connection-errors";
import { finishClusterConnect } from "@/server/services/connections/finish-cluster-connect";
import { connectFailedPage, connectRedirectUri, redirectTo } from "../outcome";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const url = new URL(request.url);
  const ctx = await createTRPCContext({ headers: request.headers });
  // The attempt is bound to the Slipway user who started it: signed out, there is nobody to match.
  if (!ctx.actor) return redirectTo(signInUrl("/connections"));
  try {
    const done = await finishClusterConnect(
      { ...ctx, actor: ctx.actor },
      { params: url.searchParams, redirectUri: connectRedirectUri() },
    );
    return redirectTo(done.returnPath, { connected: done.clusterName });
  } catch (error) {
    if (error instanceof ConnectFailed) {
      ctx.log.info({ reason: error.message }, "cluster connect refused");
      return connectFailedPage(error.message, error.returnPath);
    }
    ctx.log.error({ err: error }, "finishing a cluster connect failed");
    return connectFailedPage(`Something went wrong on the server. Reference: ${ctx.requestId}.`);
  }
}
