// "Connect": send the browser to the cluster's identity provider (see startClusterConnect).
import { createTRPCContext } from "@/server/api/context";
import { safeCallbackUrl, signInUrl } from "@/server/auth";
import { AppError } from "@/server/services/errors";
import { startClusterConnect } from "@/server/services/connections/start-cluster-connect";
import { connectFailedPage, connectRedirectUri, redirectTo } from "../outcome";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const url = new URL(request.url);
  const returnTo = safeCallbackUrl(url.searchParams.get("returnTo"));
  const ctx = await createTRPCContext({ headers: request.headers });
  if (!ctx.actor) return redirectTo(signInUrl(`${url.pathname}${url.search}`));
  try {
    const { authorizationUrl } = await startClusterConnect(
      { ...ctx, actor: ctx.actor },
      {
        cluster: url.searchParams.get("cluster") ?? "",
        returnTo,
        redirectUri: connectRedirectUri(),
      },
    );
    return Response.redirect(authorizationUrl, 303);
  } catch (error) {
    if (error instanceof AppError) return connectFailedPage(error.message, returnTo);
    ctx.log.error({ err: error }, "starting a cluster connect failed");
    return connectFailedPage(
      `Something went wrong on the server. Reference: ${ctx.requestId}.`,
      returnTo,
    );
  }
}
