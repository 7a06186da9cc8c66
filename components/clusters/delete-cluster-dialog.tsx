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

/** Deletion needs the name typed; a cluster with environments also needs them chosen for deletion. */
export function DeleteClusterDialog({
  name,
  environments,
}: {
  name: string;
  environments: number;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const [confirmName, setConfirmName] = useState("");
  const [deleteEnvironments, setDeleteEnvironments] = useState(false);
  const remove = useMutation(
    trpc.cluster.delete.mutationOptions({
      onSuccess: (result) => {
        toast({
          title: result.deleted ? "Cluster deleted" : "Cluster being deleted",
          description: result.deleted
            ? `${name} is no longer registered.`
            : `${result.environmentsToDelete} environment(s) are being removed from it first.`,
        });
        router.push("/admin/clusters");
        refresh();
      },
    }),
  );
  const errors = formErrorsOf(remove.error);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    remove.mutate({ name, confirmName, deleteEnvironments });
  }

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) {
          setConfirmName("");
          setDeleteEnvironments(false);
          remove.reset();
        }
      }}
    >
      <DialogTrigger asChild>
        <Button variant="destructive">Delete cluster</Button>
      </DialogTrigger>
      <DialogContent>
        <form onSubmit={onSubmit} noValidate className="space-y-4">
          <DialogHeader>
            <DialogTitle>Delete {name}?</DialogTitle>
            <DialogDescription>
              Slipway forgets the cluster and its credentials. Nothing on the cluster is touched
              unless you also delete its environments.
            </DialogDescription>
          </DialogHeader>
          {environments > 0 ? (
            <label className="flex items-start gap-2 text-sm">
              <input
                type="checkbox"
                className="mt-1"
                checked={deleteEnvironments}
                onChange={(e) => setDeleteEnvironments(e.target.checked)}
              />
              <span>
                Also delete its {environments} environment{environments === 1 ? "" : "s"} (their
                namespaces are removed from the cluster first).
              </span>
            </label>
          ) : null}
          <Field
            label={
              <>
                Type <span className="font-mono font-semibold">{name}</span> to confirm
              </>
            }
            error={errors.fields.confirmName ?? errors.form}
          >
            <Input
              name="confirmName"
              autoComplete="off"
              value={confirmName}
              onChange={(e) => setConfirmName(e.target.value)}
            />
          </Field>
          <DialogFooter>
            <Button
              type="submit"
              variant="destructive"
              disabled={remove.isPending || confirmName !== name}
            >
              {remove.isPending ? "Deleting…" : "Delete"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
