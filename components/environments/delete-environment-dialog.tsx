"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { toast } from "@/components/ui/toast";
import { TypedConfirmDialog } from "@/components/ui/typed-confirm-dialog";
import { formErrorsOf } from "@/lib/trpc/errors";
import { useTRPC } from "@/lib/trpc/react";
import { useRefresh } from "@/lib/trpc/use-refresh";

/** Deleting removes the namespace and everything in it, so the name must be typed out. */
export function DeleteEnvironmentDialog({
  space,
  environment,
}: {
  space: string;
  environment: { name: string; displayName: string; namespace: string | null };
}) {
  const trpc = useTRPC();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const remove = useMutation(
    trpc.environment.delete.mutationOptions({
      onSuccess: () => {
        toast({
          title: "Deletion requested",
          description: `${environment.displayName} goes once its cluster confirms the namespace is gone.`,
        });
        setOpen(false);
        refresh();
      },
    }),
  );
  const errors = formErrorsOf(remove.error);

  return (
    <TypedConfirmDialog
      open={open}
      onOpenChange={setOpen}
      trigger={<Button variant="destructive">Delete</Button>}
      title={`Delete ${environment.displayName}?`}
      description={
        <>
          This deletes the namespace{" "}
          {environment.namespace ? (
            <span className="font-mono">{environment.namespace}</span>
          ) : null}{" "}
          and everything in it, and every workspace of this environment. This cannot be undone.
        </>
      }
      confirmText={environment.name}
      submitLabel="Delete this environment"
      pending={remove.isPending}
      error={errors.fields.confirmName ?? errors.form}
      onConfirm={(confirmName) =>
        remove.mutate({ space, environment: environment.name, confirmName })
      }
      onClose={() => remove.reset()}
    />
  );
}
