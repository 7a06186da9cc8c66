"use client";

import { useMutation } from "@tanstack/react-query";
import { toast } from "@/components/ui/toast";
import { useTRPC } from "@/lib/trpc/react";
import type { RouterOutputs } from "@/lib/trpc/types";
import { useRefresh } from "@/lib/trpc/use-refresh";
import { ConfirmActionDialog } from "./confirm-action-dialog";

type TClaim = RouterOutputs["deploymentTargetClaim"]["list"]["items"][number];

/** What deleting this claim does to its target, in the words of its reclaim policy. */
function reclaimExplanation(claim: TClaim): string {
  const target = claim.target;
  if (!target) return "No target is bound to it yet, so nothing on a cluster changes.";
  if (target.provisioning === "static" || claim.class.reclaimPolicy === "Retain") {
    return `Its target ${target.name} is released, not deleted: namespace ${target.namespace} on ${target.cluster} and everything in it stay until an administrator deletes them. It is not given to another claim.`;
  }
  return `Class ${claim.class.name} has reclaim policy Delete: target ${target.name} and namespace ${target.namespace} on ${target.cluster}, with everything in it, are deleted.`;
}

export function DeleteClaimButton({ space, claim }: { space: string; claim: TClaim }) {
  const trpc = useTRPC();
  const refresh = useRefresh();
  const remove = useMutation(
    trpc.deploymentTargetClaim.delete.mutationOptions({
      onSuccess: () => {
        toast({ title: "Claim deleted", description: `${claim.name} is gone.` });
        refresh();
      },
    }),
  );
  return (
    <ConfirmActionDialog
      title={`Delete claim ${claim.name}?`}
      triggerLabel={`Delete claim ${claim.name}`}
      confirmLabel="Delete claim"
      pending={remove.isPending}
      error={remove.error}
      onConfirm={() => remove.mutate({ space, name: claim.name })}
      onClosed={() => remove.reset()}
    >
      <p>{reclaimExplanation(claim)}</p>
      <p>A claim an environment uses cannot be deleted.</p>
    </ConfirmActionDialog>
  );
}
