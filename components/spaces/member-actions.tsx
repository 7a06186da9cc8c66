"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";
import { NativeSelect } from "@/components/ui/native-select";
import { toast } from "@/components/ui/toast";
import { formErrorsOf } from "@/lib/trpc/errors";
import { useTRPC } from "@/lib/trpc/react";
import { useRefresh } from "@/lib/trpc/use-refresh";
import { SPACE_ROLES, type TSpaceRole } from "@/lib/validators/space";

interface TMemberRef {
  userId: string;
  label: string;
  role: TSpaceRole;
}

export function MemberRoleSelect({ space, member }: { space: string; member: TMemberRef }) {
  const trpc = useTRPC();
  const refresh = useRefresh();
  const update = useMutation(
    trpc.member.updateRole.mutationOptions({
      onSuccess: (_data, input) => {
        toast({ title: "Role changed", description: `${member.label} is now a ${input.role}.` });
        refresh();
      },
      onError: (error) =>
        toast({
          title: "Role not changed",
          description: formErrorsOf(error).form ?? error.message,
          variant: "destructive",
        }),
    }),
  );
  return (
    <NativeSelect
      aria-label={`Role of ${member.label}`}
      value={member.role}
      disabled={update.isPending}
      className="h-8 w-36"
      onChange={(e) =>
        update.mutate({ space, userId: member.userId, role: e.target.value as TSpaceRole })
      }
    >
      {SPACE_ROLES.map((r) => (
        <option key={r} value={r}>
          {r}
        </option>
      ))}
    </NativeSelect>
  );
}

/** Remove someone else, or (self) leave. Both confirm first; the server refuses to drop the last owner. */
export function RemoveMemberButton({
  space,
  member,
  self,
}: {
  space: string;
  member: TMemberRef;
  self: boolean;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const onSuccess = () => {
    setOpen(false);
    toast({ title: self ? "You left the space" : "Member removed" });
    if (self) router.push("/spaces");
    refresh();
  };
  const remove = useMutation(trpc.member.remove.mutationOptions({ onSuccess }));
  const leave = useMutation(trpc.member.leave.mutationOptions({ onSuccess }));
  const pending = remove.isPending || leave.isPending;
  const error = formErrorsOf(remove.error ?? leave.error).form;

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        remove.reset();
        leave.reset();
      }}
    >
      <DialogTrigger asChild>
        <Button variant="ghost" size="sm" className="text-destructive">
          {self ? "Leave" : "Remove"}
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{self ? "Leave this space?" : `Remove ${member.label}?`}</DialogTitle>
          <DialogDescription>
            {self
              ? "You will lose access to the space until an owner invites you again."
              : `${member.label} will lose access to the space.`}
          </DialogDescription>
        </DialogHeader>
        {error ? (
          <p role="alert" className="text-destructive text-sm font-medium">
            {error}
          </p>
        ) : null}
        <DialogFooter>
          <Button type="button" variant="ghost" onClick={() => setOpen(false)}>
            Cancel
          </Button>
          <Button
            type="button"
            variant="destructive"
            disabled={pending}
            onClick={() =>
              self ? leave.mutate({ space }) : remove.mutate({ space, userId: member.userId })
            }
          >
            {self ? "Leave space" : "Remove member"}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
