"use client";

import { useMutation } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { toast } from "@/components/ui/toast";
import { formErrorsOf } from "@/lib/trpc/errors";
import { useTRPC } from "@/lib/trpc/react";
import { useRefresh } from "@/lib/trpc/use-refresh";

/** Revoking needs no confirmation: inviting the address again undoes it. */
export function RevokeInvitationButton({
  space,
  invitationId,
  email,
}: {
  space: string;
  invitationId: string;
  email: string;
}) {
  const trpc = useTRPC();
  const refresh = useRefresh();
  const revoke = useMutation(
    trpc.invitation.revoke.mutationOptions({
      onSuccess: () => {
        toast({ title: "Invitation revoked", description: `${email} can no longer join with it.` });
        refresh();
      },
      onError: (error) =>
        toast({
          title: "Invitation not revoked",
          description: formErrorsOf(error).form ?? error.message,
          variant: "destructive",
        }),
    }),
  );
  return (
    <Button
      variant="ghost"
      size="sm"
      className="text-destructive"
      disabled={revoke.isPending}
      aria-label={`Revoke the invitation to ${email}`}
      onClick={() => revoke.mutate({ space, invitationId })}
    >
      Revoke
    </Button>
  );
}
