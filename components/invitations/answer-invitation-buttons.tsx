"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { toast } from "@/components/ui/toast";
import { toastMutationError } from "@/components/ui/mutation-error-toast";
import { useTRPC } from "@/lib/trpc/react";
import { useRefresh } from "@/lib/trpc/use-refresh";

/** Accept (then open the space) or decline one invitation. */
export function AnswerInvitationButtons({
  invitationId,
  spaceLabel,
}: {
  invitationId: string;
  spaceLabel: string;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const refresh = useRefresh();
  const onError = (error: unknown) => toastMutationError(error, "Something went wrong.");
  const accept = useMutation(
    trpc.invitation.accept.mutationOptions({
      onSuccess: ({ space, role }) => {
        toast({ title: `You joined ${spaceLabel}`, description: `Your role is ${role}.` });
        refresh();
        router.push(`/spaces/${encodeURIComponent(space)}`);
      },
      onError,
    }),
  );
  const decline = useMutation(
    trpc.invitation.decline.mutationOptions({
      onSuccess: () => {
        toast({ title: "Invitation declined" });
        refresh();
      },
      onError,
    }),
  );
  const pending = accept.isPending || decline.isPending;
  return (
    <div className="flex gap-2">
      <Button
        size="sm"
        disabled={pending}
        aria-label={`Accept the invitation to ${spaceLabel}`}
        onClick={() => accept.mutate({ invitationId })}
      >
        Accept
      </Button>
      <Button
        size="sm"
        variant="outline"
        disabled={pending}
        aria-label={`Decline the invitation to ${spaceLabel}`}
        onClick={() => decline.mutate({ invitationId })}
      >
        Decline
      </Button>
    </div>
  );
}
