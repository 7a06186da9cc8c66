// A cluster's 403 in words (issue 9): when Slipway acts as a person, the cluster's RBAC has the last
// say, and its refusal names the person's account there, not Slipway's. Slipway's own role check
// runs before, so this is what the cluster adds to it.
import { ApiException } from "@kubernetes/client-node";
import { AppError } from "../errors";

/** The request the person's token was refused for (the Status body fills what it knows better). */
export interface TClusterRequest {
  verb: string;
  resource: string;
  name: string;
  namespace: string;
}

interface TForbiddenStatus {
  message?: string;
  details?: { name?: string; kind?: string };
}

export function isClusterForbidden(error: unknown): error is ApiException<unknown> {
  return error instanceof ApiException && error.code === 403;
}

function statusOf(body: unknown): TForbiddenStatus {
  if (typeof body === "object" && body !== null) return body;
  if (typeof body !== "string") return {};
  try {
    return JSON.parse(body) as TForbiddenStatus;
  } catch {
    return {};
  }
}

/**
 * "Your account `carl@example.com` on `prod` may not patch applications `shop-web` in `argocd`."
 * The verb and namespace come from the API server's message ("cannot patch resource … in the
 * namespace …") where it says them, else from what the caller asked.
 */
export function clusterForbidden(
  error: ApiException<unknown>,
  who: { username: string; clusterName: string },
  request: TClusterRequest,
): AppError {
  const status = statusOf(error.body);
  const message = status.message ?? "";
  const verb = /cannot (\w+) resource/.exec(message)?.[1] ?? request.verb;
  const namespace = /in the namespace "([^"]+)"/.exec(message)?.[1] ?? request.namespace;
  const resource = status.details?.kind || request.resource;
  const name = status.details?.name || request.name;
  return forbiddenInWords(who, { verb, resource, name, namespace });
}

/** The refusal for a request the cluster would not allow the person (a 403, or an access review). */
export function forbiddenInWords(
  who: { username: string; clusterName: string },
  request: TClusterRequest,
): AppError {
  const { verb, resource, name, namespace } = request;
  const what = name ? `${resource} \`${name}\`` : resource;
  return new AppError(
    "FORBIDDEN",
    `Your account \`${who.username}\` on \`${who.clusterName}\` may not ${verb} ${what} in \`${namespace}\`.`,
  );
}

/** Runs a request as the person, turning the cluster's 403 into words; other errors pass through. */
export async function asPerson<T>(
  who: { username: string; clusterName: string },
  request: TClusterRequest,
  fn: () => Promise<T>,
): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (isClusterForbidden(error)) throw clusterForbidden(error, who, request);
    throw error;
  }
}
