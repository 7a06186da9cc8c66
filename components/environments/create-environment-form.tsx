"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { toast } from "@/components/ui/toast";
import {
  DEFAULT_QUOTA,
  ENVIRONMENT_TYPE_LABELS,
  ENVIRONMENT_TYPES,
  type TEnvironmentType,
} from "@/lib/environment-defaults";
import { environmentNamespace } from "@/lib/namespace-names";
import { quotaOverCeilings } from "@/lib/quota-ceilings";
import { suggestName } from "@/lib/suggest-name";
import { formErrorsOf } from "@/lib/trpc/errors";
import { useTRPC } from "@/lib/trpc/react";
import type { RouterOutputs } from "@/lib/trpc/types";
import { useRefresh } from "@/lib/trpc/use-refresh";
import { validateForm, type TFieldMessages } from "@/lib/validate-form";
import { ZCreateEnvironmentSchema } from "@/lib/validators/environment";
import { EnvironmentSettingsFields, useEnvironmentSettings } from "./environment-settings-fields";
import { PlacementSelect } from "./placement-select";

export function CreateEnvironmentForm({
  space,
  placements,
  environments,
}: {
  space: string;
  placements: RouterOutputs["environment"]["placements"];
  environments: { id: string; name: string; displayName: string }[];
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const refresh = useRefresh();
  const [name, setName] = useState("");
  const [nameEdited, setNameEdited] = useState(false);
  const [type, setType] = useState<TEnvironmentType>(environments.length === 0 ? "dev" : "test");
  const [placement, setPlacement] = useState("");
  const [namespace, setNamespace] = useState("");
  const [expiresAt, setExpiresAt] = useState("");
  const settings = useEnvironmentSettings({ quota: DEFAULT_QUOTA[type] });
  const [clientErrors, setClientErrors] = useState<TFieldMessages>({});

  const [kind, id] = placement.split(":");
  const cluster = kind === "cluster" ? placements.clusters.find((c) => c.id === id) : undefined;
  const ceilings = cluster?.quotaCeilings ?? {};

  const create = useMutation(
    trpc.environment.create.mutationOptions({
      onSuccess: (env) => {
        toast({ title: "Environment created", description: `${env.displayName} is being set up.` });
        router.push(`/spaces/${space}/environments/${env.name}`);
        refresh();
      },
    }),
  );
  const server = formErrorsOf(create.error);
  const errors = { ...server.fields, ...clientErrors };

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const result = validateForm(ZCreateEnvironmentSchema, {
      space,
      name,
      type,
      clusterId: kind === "cluster" ? id : null,
      claimId: kind === "claim" ? id : null,
      namespace,
      expiresAt: expiresAt ? new Date(expiresAt) : null,
      ...settings.values,
    });
    const overCeilings = quotaOverCeilings(settings.values.quota, ceilings);
    if (!result.ok || Object.keys(overCeilings).length > 0) {
      setClientErrors({ ...(result.ok ? {} : result.fields), ...overCeilings });
      return;
    }
    setClientErrors({});
    create.mutate(result.data);
  }

  return (
    <form
      onSubmit={onSubmit}
      noValidate
      className="max-w-2xl space-y-5"
      aria-label="Create environment"
    >
      {server.form ? (
        <Alert variant="destructive" title="The environment was not created">
          {server.form}
        </Alert>
      ) : null}
      <EnvironmentSettingsFields
        settings={settings}
        errors={errors}
        ceilings={ceilings}
        environments={environments}
        showContributorNamespaces={type === "dev"}
        onDisplayNameChange={(value) => {
          if (!nameEdited) setName(suggestName(value));
        }}
      >
        <Field
          label="Name"
          required
          error={errors.name}
          description="A DNS label, unique in this space. It cannot be changed later."
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
          label="Type"
          required
          error={errors.type}
          description="A space has at most one build and one dev environment."
        >
          <NativeSelect
            name="type"
            value={type}
            onChange={(e) => {
              const next = e.target.value as TEnvironmentType;
              setType(next);
              settings.set({ quota: DEFAULT_QUOTA[next] });
            }}
          >
            {ENVIRONMENT_TYPES.map((t) => (
              <option key={t} value={t}>
                {ENVIRONMENT_TYPE_LABELS[t]}
              </option>
            ))}
          </NativeSelect>
        </Field>
        <Field
          label="Cluster"
          required
          error={errors.clusterId ?? errors.claimId}
          description="Where the namespace is made: a cluster, or a deployment target your space claimed."
        >
          <PlacementSelect placements={placements} value={placement} onChange={setPlacement} />
        </Field>
        <Field
          label="Namespace"
          error={errors.namespace}
          description={`Optional. Empty: ${name ? environmentNamespace(space, name) : `${space}-<name>`}.`}
        >
          <Input
            name="namespace"
            value={namespace}
            maxLength={63}
            className="font-mono"
            autoComplete="off"
            spellCheck={false}
            disabled={kind === "claim"}
            onChange={(e) => setNamespace(e.target.value)}
          />
        </Field>
        <Field
          label="Expires"
          error={errors.expiresAt}
          description="Optional, for an ephemeral environment: deleted at this time (at most 30 days ahead; you can extend it). You are warned an hour before."
        >
          <Input
            name="expiresAt"
            type="datetime-local"
            value={expiresAt}
            onChange={(e) => setExpiresAt(e.target.value)}
          />
        </Field>
      </EnvironmentSettingsFields>
      <div className="flex gap-3">
        <Button type="submit" disabled={create.isPending}>
          {create.isPending ? "Creating…" : "Create environment"}
        </Button>
        <Button type="button" variant="ghost" onClick={() => router.back()}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
