"use client";

import { usePathname } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { connectHref } from "@/lib/cluster-connect";
import { connectClusterOf } from "@/lib/trpc/errors";

/**
 * Why a live read from the cluster failed, in the server's words; when the person must first
 * (re)connect their account to the cluster, the link that does it and comes back here.
 */
export function ClusterReadError({ error }: { error: unknown }) {
  const pathname = usePathname();
  const connectCluster = connectClusterOf(error);
  const message = error instanceof Error ? error.message : "Could not read from the cluster.";
  return (
    <Alert variant="warning" title="Could not read from the cluster" description={message}>
      {connectCluster ? (
        // A plain link (see CredentialHealth): next/link would prefetch the connect route.
        <a href={connectHref(connectCluster, pathname)} className="font-medium underline">
          Connect to {connectCluster}
        </a>
      ) : null}
    </Alert>
  );
}
