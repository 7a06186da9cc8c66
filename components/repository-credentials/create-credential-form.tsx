"use client";

import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { toast } from "@/components/ui/toast";
import { useTRPC } from "@/lib/trpc/react";
import { useRefresh } from "@/lib/trpc/use-refresh";
import { useValidatedSubmit } from "@/lib/use-validated-submit";
import {
  ZCreateRepositoryCredentialSchema,
  type TRepositoryCredentialKind,
} from "@/lib/validators/repository-credential";
import { EMPTY_SECRET, SecretFields } from "./secret-fields";

export function CreateCredentialForm({ space }: { space: string }) {
  const trpc = useTRPC();
  const refresh = useRefresh();
  const [repository, setRepository] = useState("");
  const [kind, setKind] = useState<TRepositoryCredentialKind>("https");
  const [secret, setSecret] = useState(EMPTY_SECRET);
  const create = useMutation(
    trpc.repositoryCredential.create.mutationOptions({
      onSuccess: (credential) => {
        toast({ title: "Credential added", description: credential.repository });
        setRepository("");
        setSecret(EMPTY_SECRET);
        refresh();
      },
    }),
  );
  const { errors, formError, submit } = useValidatedSubmit(
    ZCreateRepositoryCredentialSchema,
    create,
  );

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    submit({ space, repository, kind, ...secret });
  }

  return (
    <form
      onSubmit={onSubmit}
      noValidate
      className="space-y-4"
      aria-label="Add repository credential"
    >
      {formError ? (
        <Alert variant="destructive" title="Not added">
          {formError}
        </Alert>
      ) : null}
      <div className="grid items-start gap-4 sm:grid-cols-[1fr_12rem]">
        <Field
          label="Repository URL"
          required
          error={errors.repository}
          description="Exactly as components name it; https:// or ssh:// only."
        >
          <Input
            name="repository"
            value={repository}
            className="font-mono"
            autoComplete="off"
            spellCheck={false}
            placeholder="https://github.com/team/private.git"
            onChange={(e) => {
              setRepository(e.target.value);
              // The scheme decides the kind; typing one picks it.
              if (e.target.value.startsWith("ssh://")) setKind("ssh");
              if (e.target.value.startsWith("https://")) setKind("https");
            }}
          />
        </Field>
        <Field label="Kind" required error={errors.kind}>
          <NativeSelect
            name="kind"
            value={kind}
            onChange={(e) => setKind(e.target.value as TRepositoryCredentialKind)}
          >
            <option value="https">https — token</option>
            <option value="ssh">ssh — private key</option>
          </NativeSelect>
        </Field>
      </div>
      <SecretFields kind={kind} value={secret} onChange={setSecret} errors={errors} />
      <Button type="submit" disabled={create.isPending}>
        {create.isPending ? "Adding…" : "Add credential"}
      </Button>
    </form>
  );
}
