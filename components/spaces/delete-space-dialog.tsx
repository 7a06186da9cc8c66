"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
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
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { toast } from "@/components/ui/toast";
import { formErrorsOf } from "@/lib/trpc/errors";
import { useTRPC } from "@/lib/trpc/react";
import { useRefresh } from "@/lib/trpc/use-refresh";

/** Deletion needs the space's name typed out, GitHub-style, so it cannot happen by a stray click. */
export function DeleteSpaceDialog({ space }: { space: { name: string; displayName: string } }) {
  const trpc = useTRPC();
  const router = useRouter();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const [confirmName, setConfirmName] = useState("");
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

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    remove.mutate({ space: space.name, confirmName });
  }

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) {
          setConfirmName("");
          remove.reset();
        }
      }}
    >
      <DialogTrigger asChild>
        <Button variant="destructive">Delete space</Button>
      </DialogTrigger>
      <DialogContent>
        <form onSubmit={onSubmit} noValidate className="space-y-4">
          <DialogHeader>
            <DialogTitle>Delete {space.displayName}?</DialogTitle>
            <DialogDescription>
              This removes the space and all its memberships. Its activity history is kept for
              audit. This cannot be undone.
            </DialogDescription>
          </DialogHeader>
          <Field
            label={
              <>
                Type <span className="font-mono font-semibold">{space.name}</span> to confirm
              </>
            }
            error={errors.fields.confirmName ?? errors.form}
          >
            <Input
              name="confirmName"
              value={confirmName}
              autoComplete="off"
              spellCheck={false}
              className="font-mono"
              onChange={(e) => setConfirmName(e.target.value)}
            />
          </Field>
          <DialogFooter>
            <Button type="button" variant="ghost" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button
              type="submit"
              variant="destructive"
              disabled={confirmName !== space.name || remove.isPending}
            >
              {remove.isPending ? "Deleting…" : "Delete this space"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
