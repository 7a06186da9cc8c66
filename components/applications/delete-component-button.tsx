"use client";

import { useMutation } from "@tanstack/react-query";
import { ConfirmActionDialog } from "@/components/deployment-targets/confirm-action-dialog";
import { toast } from "@/components/ui/toast";
import { useTRPC } from "@/lib/trpc/react";
import { useRefresh } from "@/lib/trpc/use-refresh";

export function DeleteComponentButton({
  space,
  application,
  component,
}: {
  space: string;
  application: string;
  component: string;
}) {
  const trpc = useTRPC();
  const refresh = useRefresh();
  const remove = useMutation(
    trpc.component.delete.mutationOptions({
      onSuccess: () => {
        toast({ title: "Component deleted", description: `${component} is gone.` });
        refresh();
      },
    }),
  );
  return (
    <ConfirmActionDialog
      title={`Delete component ${component}?`}
      triggerLabel={`Delete component ${component}`}
      confirmLabel="Delete component"
      pending={remove.isPending}
      error={remove.error}
      onConfirm={() => remove.mutate({ space, application, component })}
      onClosed={() => remove.reset()}
    >
      <p>
        New snapshots can no longer include it. Snapshots already made keep the image they hold for
        it.
      </p>
    </ConfirmActionDialog>
  );
}
