"use client";

import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { toast } from "@/components/ui/toast";
import { validateForm, type TFieldMessages } from "@/lib/validate-form";
import { formErrorsOf } from "@/lib/trpc/errors";
import { useTRPC } from "@/lib/trpc/react";
import { useRefresh } from "@/lib/trpc/use-refresh";
import { ZUpdateSpaceSchema } from "@/lib/validators/space";

export function EditSpaceForm({
  space,
}: {
  space: { name: string; displayName: string; description: string };
}) {
  const trpc = useTRPC();
  const refresh = useRefresh();
  const [displayName, setDisplayName] = useState(space.displayName);
  const [description, setDescription] = useState(space.description);
  const [clientErrors, setClientErrors] = useState<TFieldMessages>({});

  const update = useMutation(
    trpc.space.update.mutationOptions({
      onSuccess: () => {
        toast({ title: "Changes saved" });
        refresh();
      },
    }),
  );
  const server = formErrorsOf(update.error);
  const errors = { ...server.fields, ...clientErrors };
  const unchanged = displayName === space.displayName && description === space.description;

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const result = validateForm(ZUpdateSpaceSchema, {
      space: space.name,
      displayName,
      description,
    });
    if (!result.ok) {
      setClientErrors(result.fields);
      return;
    }
    setClientErrors({});
    update.mutate(result.data);
  }

  return (
    <form onSubmit={onSubmit} noValidate className="max-w-xl space-y-5" aria-label="Edit space">
      {server.form ? (
        <Alert variant="destructive" title="Changes were not saved">
          {server.form}
        </Alert>
      ) : null}
      <Field
        label="Name"
        description="The name cannot be changed: it names the space's namespaces."
      >
        <Input value={space.name} readOnly disabled className="font-mono" />
      </Field>
      <Field label="Display name" required error={errors.displayName}>
        <Input
          name="displayName"
          value={displayName}
          maxLength={100}
          onChange={(e) => setDisplayName(e.target.value)}
        />
      </Field>
      <Field label="Description" error={errors.description}>
        <Textarea
          name="description"
          value={description}
          rows={3}
          maxLength={1000}
          onChange={(e) => setDescription(e.target.value)}
        />
      </Field>
      <Button type="submit" disabled={update.isPending || unchanged}>
        {update.isPending ? "Saving…" : "Save changes"}
      </Button>
    </form>
  );
}
