"use client";

import { useMutation } from "@tanstack/react-query";
import { ConfirmActionDialog } from "@/components/deployment-targets/confirm-action-dialog";
import { toast } from "@/components/ui/toast";
import { useTRPC } from "@/lib/trpc/react";
import { useRefresh } from "@/lib/trpc/use-refresh";

export function DeleteSnapshotButton({
  space,
  application,
  snapshot,
}: {
  space: string;
  application: string;
  snapshot: string;
}) {
  const trpc = useTRPC();
  const refresh = useRefresh();
  const remove = useMutation(
    trpc.snapshot.delete.mutationOptions({
      onSuccess: () => {
        toast({ title: "Snapshot deleted", description: `${snapshot} is gone.` });
        refresh();
      },
    }),
  );
  return (
    <ConfirmActionDialog
      title={`Delete snapshot ${snapshot}?`}
      triggerLabel={`Delete snapshot ${snapshot}`}
      confirmLabel="Delete snapshot"
      pending={remove.isPending}
      error={remove.error}
      onConfirm={() => remove.mutate({ space, application, snapshot })}
      onClosed={() => remove.reset()}
    >
      <p>A snapshot an environment runs cannot be deleted; bind another one there first.</p>
    </ConfirmActionDialog>
  );
}
