"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { toast } from "@/components/ui/toast";
import { TypedConfirmDialog } from "@/components/ui/typed-confirm-dialog";
import { formErrorsOf } from "@/lib/trpc/errors";
import { useTRPC } from "@/lib/trpc/react";
import { useRefresh } from "@/lib/trpc/use-refresh";

export function DeleteSpaceDialog({ space }: { space: { name: string; displayName: string } }) {
  const trpc = useTRPC();
  const router = useRouter();
  const refresh = useRefresh();
  const remove = useMutation(
    trpc.space.delete.mutationOptions({
      onSuccess: () => {
        toast({
          title: "Space deleted",
          description: `${space.displayName} and its memberships are gone.`,
        });
        router.push("/spaces");
        refresh();
      },
    }),
  );
  const errors = formErrorsOf(remove.error);

  return (
    <TypedConfirmDialog
      trigger={<Button variant="destructive">Delete space</Button>}
      title={`Delete ${space.displayName}?`}
      description="This removes the space and all its memberships. Its activity history is kept for audit. This cannot be undone."
      confirmText={space.name}
      submitLabel="Delete this space"
      pending={remove.isPending}
      error={errors.fields.confirmName ?? errors.form}
      onConfirm={(confirmName) => remove.mutate({ space: space.name, confirmName })}
      onClose={() => remove.reset()}
    />
  );
}
