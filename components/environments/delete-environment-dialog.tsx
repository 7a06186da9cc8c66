"use client";

import { useMutation } from "@tanstack/react-query";
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
  const [confirmName, setConfirmName] = useState("");
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

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    remove.mutate({ space, environment: environment.name, confirmName });
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
        <Button variant="destructive">Delete</Button>
      </DialogTrigger>
      <DialogContent>
        <form onSubmit={onSubmit} noValidate className="space-y-4">
          <DialogHeader>
            <DialogTitle>Delete {environment.displayName}?</DialogTitle>
            <DialogDescription>
              This deletes the namespace{" "}
              {environment.namespace ? (
                <span className="font-mono">{environment.namespace}</span>
              ) : null}{" "}
              and everything in it, and every workspace of this environment. This cannot be undone.
            </DialogDescription>
          </DialogHeader>
          <Field
            label={
              <>
                Type <span className="font-mono font-semibold">{environment.name}</span> to confirm
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
              disabled={confirmName !== environment.name || remove.isPending}
            >
              {remove.isPending ? "Deleting…" : "Delete this environment"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
