"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { toast } from "@/components/ui/toast";
import { useTRPC } from "@/lib/trpc/react";
import { useRefresh } from "@/lib/trpc/use-refresh";
import { useValidatedSubmit } from "@/lib/use-validated-submit";
import { ZCreateComponentSchema, ZUpdateComponentSchema } from "@/lib/validators/application";
import { ComponentFields, EMPTY_COMPONENT, type TComponentFormValues } from "./component-fields";

/** Adds a component to an application, or edits one (`initial` given: its name stays). */
export function ComponentForm({
  space,
  application,
  initial,
}: {
  space: string;
  application: string;
  initial?: TComponentFormValues;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const refresh = useRefresh();
  const [value, setValue] = useState<TComponentFormValues>(initial ?? EMPTY_COMPONENT);
  const back = `/spaces/${space}/applications/${application}`;
  const onSuccess = (component: { displayName: string }) => {
    toast({
      title: initial ? "Component saved" : "Component added",
      description: component.displayName,
    });
    router.push(back);
    refresh();
  };
  const create = useMutation(trpc.component.create.mutationOptions({ onSuccess }));
  const update = useMutation(trpc.component.update.mutationOptions({ onSuccess }));
  const creating = useValidatedSubmit(ZCreateComponentSchema, create);
  const updating = useValidatedSubmit(ZUpdateComponentSchema, update);
  const { errors, formError } = initial ? updating : creating;
  const pending = create.isPending || update.isPending;

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (initial) {
      const { name, ...fields } = value;
      updating.submit({ space, application, component: name, ...fields });
    } else {
      creating.submit({ space, application, ...value });
    }
  }

  return (
    <form
      onSubmit={onSubmit}
      noValidate
      className="max-w-3xl space-y-6"
      aria-label={initial ? "Edit component" : "Add component"}
    >
      {formError ? (
        <Alert variant="destructive" title="Not saved">
          {formError}
        </Alert>
      ) : null}
      <ComponentFields
        legend={initial ? `Component ${initial.name}` : "New component"}
        value={value}
        onChange={setValue}
        errors={errors}
        nameFixed={Boolean(initial)}
      />
      <div className="flex gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : initial ? "Save component" : "Add component"}
        </Button>
        <Button type="button" variant="ghost" onClick={() => router.push(back)}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
