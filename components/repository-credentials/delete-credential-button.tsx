"use client";

import { useMutation } from "@tanstack/react-query";
import { ConfirmActionDialog } from "@/components/deployment-targets/confirm-action-dialog";
import { toast } from "@/components/ui/toast";
import { useTRPC } from "@/lib/trpc/react";
import { useRefresh } from "@/lib/trpc/use-refresh";

export function DeleteCredentialButton({
  space,
  credential,
}: {
  space: string;
  credential: { id: string; repository: string };
}) {
  const trpc = useTRPC();
  const refresh = useRefresh();
  const remove = useMutation(
    trpc.repositoryCredential.delete.mutationOptions({
      onSuccess: () => {
        toast({ title: "Credential deleted", description: credential.repository });
        refresh();
      },
    }),
  );
  return (
    <ConfirmActionDialog
      title="Delete this repository credential?"
      triggerLabel={`Delete credential for ${credential.repository}`}
      confirmLabel="Delete credential"
      pending={remove.isPending}
      error={remove.error}
      onConfirm={() => remove.mutate({ space, credentialId: credential.id })}
      onClosed={() => remove.reset()}
    >
      <p>
        Argo CD can no longer read <span className="font-mono">{credential.repository}</span> if it
        is private.
      </p>
    </ConfirmActionDialog>
  );
}
