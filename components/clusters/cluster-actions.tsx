"use client";

import { useMutation } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { toast } from "@/components/ui/toast";
import { toastMutationError } from "@/components/ui/mutation-error-toast";
import { useTRPC } from "@/lib/trpc/react";
import { useRefresh } from "@/lib/trpc/use-refresh";

/** "Check now" and cordon / uncordon. */
export function ClusterActions({ cluster }: { cluster: { name: string; cordoned: boolean } }) {
  const trpc = useTRPC();
  const refresh = useRefresh();
  const onError = (error: unknown) => toastMutationError(error);
  const check = useMutation(
    trpc.cluster.check.mutationOptions({
      onSuccess: () => refresh(),
      onError,
    }),
  );
  const cordon = useMutation(
    trpc.cluster.setCordoned.mutationOptions({
      onSuccess: (c) => {
        toast({
          title: c.cordoned ? "Cluster cordoned" : "Cluster uncordoned",
          description: c.cordoned
            ? "No new environments will be placed on it; existing ones keep reconciling."
            : "New environments may be placed on it again.",
        });
        refresh();
      },
      onError,
    }),
  );
  return (
    <div className="flex flex-wrap gap-2">
      <Button
        variant="outline"
        disabled={check.isPending}
        onClick={() => check.mutate({ name: cluster.name })}
      >
        {check.isPending ? "Checking…" : "Check now"}
      </Button>
      <Button
        variant="outline"
        disabled={cordon.isPending}
        onClick={() => cordon.mutate({ name: cluster.name, cordoned: !cluster.cordoned })}
      >
        {cluster.cordoned ? "Uncordon" : "Cordon"}
      </Button>
    </div>
  );
}
