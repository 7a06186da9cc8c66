"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { toast } from "@/components/ui/toast";
import { suggestName } from "@/lib/suggest-name";
import { validateForm, type TFieldMessages } from "@/lib/validate-form";
import { formErrorsOf } from "@/lib/trpc/errors";
import { useTRPC } from "@/lib/trpc/react";
import { useRefresh } from "@/lib/trpc/use-refresh";
import { ZCreateSpaceSchema } from "@/lib/validators/space";

export function CreateSpaceForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const refresh = useRefresh();
  const [displayName, setDisplayName] = useState("");
  const [name, setName] = useState("");
  const [nameEdited, setNameEdited] = useState(false);
  const [description, setDescription] = useState("");
  const [clientErrors, setClientErrors] = useState<TFieldMessages>({});

  const create = useMutation(
    trpc.space.create.mutationOptions({
      onSuccess: (space) => {
        toast({
          title: "Space created",
          description: `${space.displayName} is ready. Add your team next.`,
        });
        router.push(`/spaces/${space.name}`);
        refresh();
      },
    }),
  );
  const server = formErrorsOf(create.error);
  const errors = { ...server.fields, ...clientErrors };

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const result = validateForm(ZCreateSpaceSchema, { name, displayName, description });
    if (!result.ok) {
      setClientErrors(result.fields);
      return;
    }
    setClientErrors({});
    create.mutate(result.data);
  }

  return (
    <form onSubmit={onSubmit} noValidate className="max-w-xl space-y-5" aria-label="Create space">
      {server.form ? (
        <Alert variant="destructive" title="The space was not created">
          {server.form}
        </Alert>
      ) : null}
      <Field
        label="Display name"
        required
        error={errors.displayName}
        description="How the space is shown in Slipway."
      >
        <Input
          name="displayName"
          value={displayName}
          autoFocus
          maxLength={100}
          onChange={(e) => {
            setDisplayName(e.target.value);
            if (!nameEdited) setName(suggestName(e.target.value));
          }}
        />
      </Field>
      <Field
        label="Name"
        required
        error={errors.name}
        description="Lower-case letters, digits and hyphens (a DNS label, at most 63 characters). It names your namespaces and cannot be changed later."
      >
        <Input
          name="name"
          value={name}
          maxLength={63}
          className="font-mono"
          autoComplete="off"
          spellCheck={false}
          onChange={(e) => {
            setName(e.target.value);
            setNameEdited(true);
          }}
        />
      </Field>
      <Field
        label="Description"
        error={errors.description}
        description="Optional. What the space is for."
      >
        <Textarea
          name="description"
          value={description}
          rows={3}
          maxLength={1000}
          onChange={(e) => setDescription(e.target.value)}
        />
      </Field>
      <div className="flex gap-3">
        <Button type="submit" disabled={create.isPending}>
          {create.isPending ? "Creating…" : "Create space"}
        </Button>
        <Button type="button" variant="ghost" onClick={() => router.back()}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
