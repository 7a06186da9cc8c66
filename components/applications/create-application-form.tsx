"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { DnsLabelField } from "@/components/deployment-targets/dns-label-field";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { toast } from "@/components/ui/toast";
import { suggestName } from "@/lib/suggest-name";
import { useTRPC } from "@/lib/trpc/react";
import { useRefresh } from "@/lib/trpc/use-refresh";
import { useValidatedSubmit } from "@/lib/use-validated-submit";
import { MAX_COMPONENTS, ZCreateApplicationSchema } from "@/lib/validators/application";
import { ComponentFields, EMPTY_COMPONENT, type TComponentFormValues } from "./component-fields";

/**
 * The Create App flow: the application and one or more components, validated field by field in
 * the browser with the procedure's own schema, then created together.
 */
export function CreateApplicationForm({ space }: { space: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const refresh = useRefresh();
  const [displayName, setDisplayName] = useState("");
  const [name, setName] = useState("");
  const [components, setComponents] = useState<TComponentFormValues[]>([EMPTY_COMPONENT]);
  const create = useMutation(
    trpc.application.create.mutationOptions({
      onSuccess: (app) => {
        toast({
          title: "Application created",
          description: `${app.displayName} has ${app.components.length} component${app.components.length === 1 ? "" : "s"}.`,
        });
        router.push(`/spaces/${space}/applications/${app.name}`);
        refresh();
      },
    }),
  );
  const { errors, formError, submit } = useValidatedSubmit(ZCreateApplicationSchema, create);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    submit({ space, name, displayName, components });
  }

  return (
    <form onSubmit={onSubmit} noValidate className="max-w-3xl space-y-6" aria-label="Create app">
      {formError ? (
        <Alert variant="destructive" title="The application was not created">
          {formError}
        </Alert>
      ) : null}
      <div className="grid items-start gap-4 sm:grid-cols-2">
        <Field label="Display name" required error={errors.displayName}>
          <Input
            name="displayName"
            value={displayName}
            maxLength={100}
            onChange={(e) => {
              if (name === suggestName(displayName)) setName(suggestName(e.target.value));
              setDisplayName(e.target.value);
            }}
          />
        </Field>
        <DnsLabelField
          label="Name"
          name="name"
          value={name}
          onChange={setName}
          error={errors.name}
          description="A DNS label, unique in this space. It cannot be changed later."
        />
      </div>
      <section aria-labelledby="components-heading" className="space-y-4">
        <h3 id="components-heading" className="text-base font-semibold">
          Components
        </h3>
        {components.map((component, index) => (
          <ComponentFields
            key={index}
            legend={`Component ${index + 1}`}
            value={component}
            prefix={`components.${index}.`}
            errors={errors}
            onChange={(next) => setComponents(components.map((c, i) => (i === index ? next : c)))}
            onRemove={
              components.length > 1
                ? () => setComponents(components.filter((_, i) => i !== index))
                : undefined
            }
          />
        ))}
        {errors.components ? (
          <p role="alert" className="text-destructive text-sm font-medium">
            {errors.components[0]}
          </p>
        ) : null}
        {components.length < MAX_COMPONENTS ? (
          <Button
            type="button"
            variant="outline"
            onClick={() => setComponents([...components, EMPTY_COMPONENT])}
          >
            Add another component
          </Button>
        ) : null}
      </section>
      <div className="flex gap-3">
        <Button type="submit" disabled={create.isPending}>
          {create.isPending ? "Creating…" : "Create app"}
        </Button>
        <Button type="button" variant="ghost" onClick={() => router.back()}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
