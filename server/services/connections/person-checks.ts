// Questions a service asks the cluster as the person before Slipway acts for them with service
// credentials (issue 9): "does it take my token at all" and "may I do this here".
import { AuthorizationV1Api } from "@kubernetes/client-node";
import { asPerson, forbiddenInWords, type TClusterRequest } from "./cluster-forbidden";
import { ConnectionNeeded, ReconnectNeeded } from "./connection-errors";
import { selfSubjectReview } from "./person-connection";
import type { TUserClusterAccess } from "./user-cluster-access";

export type TPersonAccess = Extract<TUserClusterAccess, { kind: "user" }>;

export const whoOf = (access: TPersonAccess) => ({
  username: access.username,
  clusterName: access.connection.clusterName,
});

/** A SelfSubjectReview ("who am I"): the cluster accepts the token, or the request fails. */
export async function assertTokenAccepted(access: TPersonAccess): Promise<void> {
  const request = { verb: "create", resource: "selfsubjectreviews", name: "", namespace: "" };
  await asPerson(whoOf(access), request, () => selfSubjectReview(access.kubeConfig));
}

/** A SelfSubjectAccessReview; a "no" is refused in the same words as a 403. */
export async function assertAllowed(
  access: TPersonAccess,
  request: TClusterRequest & { group?: string },
): Promise<void> {
  const { verb, resource, name, namespace, group } = request;
  const review = await asPerson(whoOf(access), request, () =>
    access.kubeConfig.makeApiClient(AuthorizationV1Api).createSelfSubjectAccessReview({
      body: {
        apiVersion: "authorization.k8s.io/v1",
        kind: "SelfSubjectAccessReview",
        spec: {
          resourceAttributes: {
            verb,
            resource,
            namespace,
            ...(group ? { group } : {}),
            ...(name ? { name } : {}),
          },
        },
      },
    }),
  );
  if (!review.status?.allowed) throw forbiddenInWords(whoOf(access), request);
}

/** Runs `fn`, naming the environment in a ConnectionNeeded / ReconnectNeeded it throws. */
export async function namingEnvironment<T>(environment: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof ConnectionNeeded)
      throw new ConnectionNeeded(error.clusterName, environment);
    if (error instanceof ReconnectNeeded)
      throw new ReconnectNeeded(error.clusterName, error.reason, environment);
    throw error;
  }
}
