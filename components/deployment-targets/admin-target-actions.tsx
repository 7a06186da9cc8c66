"use client";

import { useMutation } from "@tanstack/react-query";
import { toast } from "@/components/ui/toast";
import { useTRPC } from "@/lib/trpc/react";
import { useRefresh } from "@/lib/trpc/use-refresh";
import { ConfirmActionDialog } from "./confirm-action-dialog";

export function DeleteTargetClassButton({ id, name }: { id: string; name: string }) {
  const trpc = useTRPC();
  const refresh = useRefresh();
  const remove = useMutation(
    trpc.deploymentTargetClass.delete.mutationOptions({
      onSuccess: () => {
        toast({ title: "Class deleted", description: `${name} is gone.` });
        refresh();
      },
    }),
  );
  return (
    <ConfirmActionDialog
      title={`Delete class ${name}?`}
      triggerLabel={`Delete class ${name}`}
      confirmLabel="Delete class"
      pending={remove.isPending}
      error={remove.error}
      onConfirm={() => remove.mutate({ classId: id })}
      onClosed={() => remove.reset()}
    >
      <p>Only a class no target or claim uses can be deleted.</p>
    </ConfirmActionDialog>
  );
}

export function DeleteTargetButton({
  id,
  name,
  provisioning,
}: {
  id: string;
  name: string;
  provisioning: "dynamic" | "static";
}) {
  const trpc = useTRPC();
  const refresh = useRefresh();
  const remove = useMutation(
    trpc.deploymentTarget.delete.mutationOptions({
      onSuccess: () => {
        toast({ title: "Target deleting", description: `${name} goes once the cluster confirms.` });
        refresh();
      },
    }),
  );
  return (
    <ConfirmActionDialog
      title={`Delete target ${name}?`}
      triggerLabel={`Delete target ${name}`}
      confirmLabel="Delete target"
      pending={remove.isPending}
      error={remove.error}
      onConfirm={() => remove.mutate({ targetId: id })}
      onClosed={() => remove.reset()}
    >
      <p>
        {provisioning === "dynamic"
          ? "Its namespace and everything in it are deleted from the cluster."
          : "Slipway removes its ServiceAccount, role binding and quota; the namespace itself stays, as it was registered."}
      </p>
    </ConfirmActionDialog>
  );
}

/** A Released target offered to claims again: the admin confirms its contents may be handed on. */
export function MakeTargetAvailableButton({ id, name }: { id: string; name: string }) {
  const trpc = useTRPC();
  const refresh = useRefresh();
  const offer = useMutation(
    trpc.deploymentTarget.makeAvailable.mutationOptions({
      onSuccess: () => {
        toast({ title: "Target available", description: `${name} can be bound by a new claim.` });
        refresh();
      },
    }),
  );
  return (
    <ConfirmActionDialog
      title={`Offer ${name} to claims again?`}
      triggerText="Make available"
      triggerLabel={`Make target ${name} available`}
      confirmLabel="Make available"
      pending={offer.isPending}
      error={offer.error}
      onConfirm={() => offer.mutate({ targetId: id })}
      onClosed={() => offer.reset()}
    >
      <p>
        The next claim of its class may be bound to it, with whatever the previous claim left in the
        namespace. Delete the target instead if that must not happen.
      </p>
    </ConfirmActionDialog>
  );
}
