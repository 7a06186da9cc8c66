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
import { Alert } from "@/components/ui/alert";
import { toast } from "@/components/ui/toast";
import { formErrorsOf } from "@/lib/trpc/errors";
import { useTRPC } from "@/lib/trpc/react";
import { useRefresh } from "@/lib/trpc/use-refresh";
import { validateForm, type TFieldMessages } from "@/lib/validate-form";
import { ZRotateClusterCredentialsSchema } from "@/lib/validators/cluster";
import { CredentialsFields, EMPTY_CREDENTIALS } from "./credentials-fields";

export function RotateCredentialsDialog({ name }: { name: string }) {
  const trpc = useTRPC();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const [credentials, setCredentials] = useState(EMPTY_CREDENTIALS);
  const [clientErrors, setClientErrors] = useState<TFieldMessages>({});
  const rotate = useMutation(
    trpc.cluster.rotateCredentials.mutationOptions({
      onSuccess: () => {
        toast({
          title: "Credentials rotated",
          description: `${name} was checked with the new ones.`,
        });
        setOpen(false);
        refresh();
      },
    }),
  );
  const server = formErrorsOf(rotate.error);
  const errors = { ...server.fields, ...clientErrors };

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const result = validateForm(ZRotateClusterCredentialsSchema, { name, credentials });
    if (!result.ok) return setClientErrors(result.fields);
    setClientErrors({});
    rotate.mutate(result.data);
  }

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) {
          setCredentials(EMPTY_CREDENTIALS);
          rotate.reset();
        }
      }}
    >
      <DialogTrigger asChild>
        <Button variant="outline">Rotate credentials</Button>
      </DialogTrigger>
      <DialogContent className="max-h-[90vh] overflow-y-auto sm:max-w-2xl">
        <form onSubmit={onSubmit} noValidate className="space-y-4">
          <DialogHeader>
            <DialogTitle>Rotate credentials of {name}</DialogTitle>
            <DialogDescription>
              The new credentials replace the old ones at once; a kubeconfig may also change the API
              URL.
            </DialogDescription>
          </DialogHeader>
          {server.form ? (
            <Alert variant="destructive" title="Not rotated">
              {server.form}
            </Alert>
          ) : null}
          <CredentialsFields value={credentials} onChange={setCredentials} errors={errors} />
          <DialogFooter>
            <Button type="submit" disabled={rotate.isPending}>
              {rotate.isPending ? "Rotating…" : "Rotate"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
