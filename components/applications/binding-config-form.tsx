"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { toast } from "@/components/ui/toast";
import {
  errorsByFormRow,
  toComponentsInput,
  type TComponentConfigValues,
} from "@/lib/binding-configuration";
import { useTRPC } from "@/lib/trpc/react";
import { useRefresh } from "@/lib/trpc/use-refresh";
import { useValidatedSubmit } from "@/lib/use-validated-submit";
import { ZUpdateBindingSchema } from "@/lib/validators/binding";
import { BindingComponentFields } from "./binding-component-fields";

/**
 * Per-component configuration of one binding (sync mode, replicas, env, resources). It sends no
 * snapshot, so a promotion made while the form was open stays; promoting is not this form's job.
 */
export function BindingConfigForm({
  space,
  application,
  environment,
  initial,
  back,
}: {
  space: string;
  application: string;
  environment: { name: string; displayName: string };
  initial: TComponentConfigValues[];
  /** Where the user came from; they return there after saving or cancelling. */
  back: string;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const refresh = useRefresh();
  const [values, setValues] = useState(initial);
  // Which form row each sent component came from, to show the server's messages in place.
  const [sentRows, setSentRows] = useState<number[]>([]);
  const update = useMutation(
    trpc.binding.update.mutationOptions({
      onSuccess: () => {
        toast({ title: "Configuration saved", description: environment.displayName });
        router.push(back);
        refresh();
      },
    }),
  );
  const { errors, formError, submit } = useValidatedSubmit(ZUpdateBindingSchema, update);
  const rowErrors = errorsByFormRow(errors, sentRows);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const { components, rows } = toComponentsInput(values);
    setSentRows(rows);
    submit({ space, application, environment: environment.name, components });
  }

  return (
    <form
      onSubmit={onSubmit}
      noValidate
      className="max-w-3xl space-y-6"
      aria-label="Configure binding"
    >
      {formError ? (
        <Alert variant="destructive" title="Not saved">
          {formError}
        </Alert>
      ) : null}
      {values.map((value, index) => (
        <BindingComponentFields
          key={value.name}
          value={value}
          prefix={`components.${index}.`}
          errors={rowErrors}
          onChange={(changed) => setValues(values.map((v, i) => (i === index ? changed : v)))}
        />
      ))}
      <div className="flex gap-3">
        <Button type="submit" disabled={update.isPending}>
          {update.isPending ? "Saving…" : "Save configuration"}
        </Button>
        <Button type="button" variant="ghost" onClick={() => router.push(back)}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
