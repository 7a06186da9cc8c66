"use client";

import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
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
import { toast } from "@/components/ui/toast";
import { useTRPC } from "@/lib/trpc/react";
import type { RouterOutputs } from "@/lib/trpc/types";
import { useRefresh } from "@/lib/trpc/use-refresh";
import { useValidatedSubmit } from "@/lib/use-validated-submit";
import { ZRotateRepositoryCredentialSchema } from "@/lib/validators/repository-credential";
import { EMPTY_SECRET, SecretFields } from "./secret-fields";

type TCredential = RouterOutputs["repositoryCredential"]["list"]["items"][number];

export function RotateCredentialDialog({
  space,
  credential,
}: {
  space: string;
  credential: TCredential;
}) {
  const trpc = useTRPC();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const fresh = { ...EMPTY_SECRET, username: credential.username ?? "" };
  const [secret, setSecret] = useState(fresh);
  const rotate = useMutation(
    trpc.repositoryCredential.rotate.mutationOptions({
      onSuccess: () => {
        toast({ title: "Credential rotated", description: credential.repository });
        setOpen(false);
        refresh();
      },
    }),
  );
  const { errors, formError, submit } = useValidatedSubmit(
    ZRotateRepositoryCredentialSchema,
    rotate,
  );

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    submit({ space, credentialId: credential.id, kind: credential.kind, ...secret });
  }

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) {
          setSecret(fresh);
          rotate.reset();
        }
      }}
    >
      <DialogTrigger asChild>
        <Button
          variant="ghost"
          size="sm"
          aria-label={`Rotate credential for ${credential.repository}`}
        >
          Rotate
        </Button>
      </DialogTrigger>
      <DialogContent className="sm:max-w-xl">
        <form onSubmit={onSubmit} noValidate className="space-y-4">
          <DialogHeader>
            <DialogTitle>Rotate credential</DialogTitle>
            <DialogDescription>
              New {credential.kind === "ssh" ? "private key" : "token"} for{" "}
              <span className="font-mono">{credential.repository}</span>. The old one stops being
              used at once.
            </DialogDescription>
          </DialogHeader>
          {formError ? (
            <Alert variant="destructive" title="Not rotated">
              {formError}
            </Alert>
          ) : null}
          <SecretFields
            kind={credential.kind}
            value={secret}
            onChange={setSecret}
            errors={errors}
          />
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
