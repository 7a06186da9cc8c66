"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { toast } from "@/components/ui/toast";
import { TypedConfirmDialog } from "@/components/ui/typed-confirm-dialog";
import { formErrorsOf } from "@/lib/trpc/errors";
import { useTRPC } from "@/lib/trpc/react";
import { useRefresh } from "@/lib/trpc/use-refresh";

/** Deleting takes components, snapshots and bindings with it, so the name must be typed out. */
export function DeleteApplicationDialog({
  space,
  application,
}: {
  space: string;
  application: { name: string; displayName: string };
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const remove = useMutation(
    trpc.application.delete.mutationOptions({
      onSuccess: () => {
        toast({ title: "Application deleted", description: `${application.displayName} is gone.` });
        setOpen(false);
        router.push(`/spaces/${space}/applications`);
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
      title={`Delete ${application.displayName}?`}
      description="This deletes its components, pipeline map, snapshots and bindings. This cannot be undone."
      confirmText={application.name}
      submitLabel="Delete this application"
      pending={remove.isPending}
      error={errors.fields.confirmName ?? errors.form}
      onConfirm={(confirmName) =>
        remove.mutate({ space, application: application.name, confirmName })
      }
      onClose={() => remove.reset()}
    />
  );
}
