"use client";

import { Alert } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { QUOTA_RESOURCES } from "@/lib/validators/cluster";
import type { TFieldMessages } from "@/lib/validate-form";
import type { TSettingsValues } from "./cluster-settings-values";

/** Everything about a cluster but its name and credentials. */
export function ClusterSettingsFields({
  values,
  onChange,
  errors,
  showConnection,
}: {
  values: TSettingsValues;
  onChange: (next: TSettingsValues) => void;
  errors: TFieldMessages;
  /** API URL and TLS setting (a kubeconfig supplies its own when registering). */
  showConnection: boolean;
}) {
  const set = (patch: Partial<TSettingsValues>) => onChange({ ...values, ...patch });
  return (
    <>
      <Field
        label="Display name"
        error={errors.displayName}
        description="Optional. How the cluster is shown."
      >
        <Input
          name="displayName"
          maxLength={100}
          value={values.displayName}
          onChange={(e) => set({ displayName: e.target.value })}
        />
      </Field>
      <Field label="Description" error={errors.description}>
        <Textarea
          name="description"
          rows={2}
          maxLength={1000}
          value={values.description}
          onChange={(e) => set({ description: e.target.value })}
        />
      </Field>
      {showConnection ? (
        <>
          <Field
            label="API URL"
            required
            error={errors.apiUrl}
            description="https:// only, e.g. https://api.example.com:6443."
          >
            <Input
              name="apiUrl"
              className="font-mono"
              value={values.apiUrl}
              onChange={(e) => set({ apiUrl: e.target.value })}
            />
          </Field>
          <label className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              name="insecureSkipTlsVerify"
              checked={values.insecureSkipTlsVerify}
              onChange={(e) => set({ insecureSkipTlsVerify: e.target.checked })}
            />
            Skip TLS verification (insecure)
          </label>
          {values.insecureSkipTlsVerify ? (
            <Alert variant="warning" title="TLS verification is off">
              Slipway will not check the server&apos;s certificate, so anyone between Slipway and
              the cluster could read the credentials.
            </Alert>
          ) : null}
        </>
      ) : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Region" error={errors.region} description="Label, e.g. eu-west-1.">
          <Input
            name="region"
            value={values.region}
            onChange={(e) => set({ region: e.target.value })}
          />
        </Field>
        <Field label="Purpose" error={errors.purpose} description="Label, e.g. production.">
          <Input
            name="purpose"
            value={values.purpose}
            onChange={(e) => set({ purpose: e.target.value })}
          />
        </Field>
      </div>
      <Field
        label="Allowed namespaces"
        error={errors.namespaces}
        description="Comma-separated; empty means any (as in an Argo CD cluster Secret)."
      >
        <Input
          name="namespaces"
          className="font-mono"
          value={values.namespaces}
          onChange={(e) => set({ namespaces: e.target.value })}
        />
      </Field>
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          name="clusterResources"
          checked={values.clusterResources}
          onChange={(e) => set({ clusterResources: e.target.checked })}
        />
        Manage cluster-scoped resources (needed to create namespaces)
      </label>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          label="Argo CD namespace"
          error={errors.argoCdNamespace}
          description="Where Argo CD runs on it; empty for none."
        >
          <Input
            name="argoCdNamespace"
            className="font-mono"
            value={values.argoCdNamespace}
            onChange={(e) => set({ argoCdNamespace: e.target.value })}
          />
        </Field>
        <Field
          label="Workspace dashboard URL"
          error={errors.workspaceUrl}
          description="Optional Che / Dev Spaces dashboard."
        >
          <Input
            name="workspaceUrl"
            value={values.workspaceUrl}
            onChange={(e) => set({ workspaceUrl: e.target.value })}
          />
        </Field>
      </div>
      <fieldset>
        <legend className="mb-1 text-sm font-medium">Quota ceilings</legend>
        <p className="text-muted-foreground mb-3 text-sm">
          The most an environment on this cluster may ask for. Empty: no ceiling.
        </p>
        {errors.quotaCeilings ? (
          <p className="text-destructive mb-2 text-sm">{errors.quotaCeilings[0]}</p>
        ) : null}
        <div className="grid gap-3 sm:grid-cols-2">
          {QUOTA_RESOURCES.map((resource) => (
            <Field
              key={resource}
              label={<span className="font-mono">{resource}</span>}
              error={errors[`quota.${resource}`]}
            >
              <Input
                name={`quota.${resource}`}
                className="font-mono"
                value={values.quota[resource]}
                onChange={(e) => set({ quota: { ...values.quota, [resource]: e.target.value } })}
              />
            </Field>
          ))}
        </div>
      </fieldset>
    </>
  );
}
