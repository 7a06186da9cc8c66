"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { toast } from "@/components/ui/toast";
import { hardToQuota, type TEnvironmentType } from "@/lib/environment-defaults";
import { formErrorsOf } from "@/lib/trpc/errors";
import { useTRPC } from "@/lib/trpc/react";
import { useRefresh } from "@/lib/trpc/use-refresh";
import { validateForm, type TFieldMessages } from "@/lib/validate-form";
import { ZUpdateEnvironmentSchema, type TEnvironmentChanges } from "@/lib/validators/environment";
import { EnvironmentSettingsFields, useEnvironmentSettings } from "./environment-settings-fields";

export function EditEnvironmentForm({
  space,
  environment,
  ceilings,
  environments,
}: {
  space: string;
  environment: Omit<TEnvironmentChanges, "quota"> & {
    name: string;
    type: TEnvironmentType;
    quota: Record<string, string>;
  };
  ceilings: Record<string, string>;
  environments: { id: string; name: string; displayName: string }[];
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const refresh = useRefresh();
  const settings = useEnvironmentSettings({
    ...environment,
    quota: hardToQuota(environment.quota, environment.type),
  });
  const [clientErrors, setClientErrors] = useState<TFieldMessages>({});
  const href = `/spaces/${space}/environments/${environment.name}`;
  const update = useMutation(
    trpc.environment.update.mutationOptions({
      onSuccess: () => {
        toast({ title: "Environment saved" });
        router.push(href);
        refresh();
      },
    }),
  );
  const server = formErrorsOf(update.error);
  const errors = { ...server.fields, ...clientErrors };

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const result = validateForm(ZUpdateEnvironmentSchema, {
      space,
      environment: environment.name,
      ...settings.values,
    });
    if (!result.ok) {
      setClientErrors(result.fields);
      return;
    }
    setClientErrors({});
    update.mutate(result.data);
  }

  return (
    <form
      onSubmit={onSubmit}
      noValidate
      className="max-w-2xl space-y-5"
      aria-label="Edit environment"
    >
      {server.form ? (
        <Alert variant="destructive" title="The environment was not saved">
          {server.form}
        </Alert>
      ) : null}
      <EnvironmentSettingsFields
        settings={settings}
        errors={errors}
        ceilings={ceilings}
        environments={environments.filter((e) => e.name !== environment.name)}
        showContributorNamespaces={environment.type === "dev"}
      />
      <div className="flex gap-3">
        <Button type="submit" disabled={update.isPending}>
          {update.isPending ? "Saving…" : "Save"}
        </Button>
        <Button type="button" variant="ghost" onClick={() => router.push(href)}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
