"use client";

import { useMutation } from "@tanstack/react-query";
import { usePathname } from "next/navigation";
import { Button } from "@/components/ui/button";
import { toastMutationError } from "@/components/ui/mutation-error-toast";
import { toast } from "@/components/ui/toast";
import { connectHref } from "@/lib/cluster-connect";
import { useTRPC } from "@/lib/trpc/react";
import type { RouterOutputs } from "@/lib/trpc/types";
import { useRefresh } from "@/lib/trpc/use-refresh";

/** One cluster and the person's connection to it (a row of "mine", a part of an environment's card). */
export type TConnectionView = RouterOutputs["connection"]["mine"]["items"][number];

/**
 * Connect / Reconnect (a plain link: the browser goes to the cluster's identity provider and comes
 * back here) and Disconnect, for one cluster.
 */
export function ConnectionActions({ view }: { view: TConnectionView }) {
  const pathname = usePathname();
  const trpc = useTRPC();
  const refresh = useRefresh();
  const disconnect = useMutation(
    trpc.connection.disconnect.mutationOptions({
      onSuccess: (answer) => {
        if (answer.revoked) toast.success("Disconnected", answer.message);
        else toast.warning("Disconnected, but not revoked", answer.message);
        refresh();
      },
      onError: (error) => toastMutationError(error),
    }),
  );
  const { status, cluster } = view;
  if (status.kind === "not-configured") return null;
  const label = cluster.displayName || cluster.name;
  return (
    <div className="flex flex-wrap gap-2">
      {status.kind === "connected" ? null : (
        <Button asChild size="sm">
          <a
            href={connectHref(cluster.name, pathname)}
            aria-label={`${status.kind === "reconnect-needed" ? "Reconnect" : "Connect"} to ${label}`}
          >
            {status.kind === "reconnect-needed" ? "Reconnect" : "Connect"}
          </a>
        </Button>
      )}
      {status.kind === "not-connected" ? null : (
        <Button
          size="sm"
          variant="outline"
          disabled={disconnect.isPending}
          aria-label={`Disconnect from ${label}`}
          onClick={() => disconnect.mutate({ cluster: cluster.name })}
        >
          Disconnect
        </Button>
      )}
    </div>
  );
}
