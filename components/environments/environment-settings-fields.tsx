"use client";

import { useState, type ReactNode } from "react";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { Textarea } from "@/components/ui/textarea";
import type { TQuotaInput } from "@/lib/environment-defaults";
import { DEPLOYMENT_STRATEGIES, type TEnvironmentChanges } from "@/lib/validators/environment";
import { QuotaFields } from "./quota-fields";
import { VariableFields } from "./variable-fields";

type TSettings = Omit<TEnvironmentChanges, "quota"> & { quota: TQuotaInput };

const EMPTY: Omit<TSettings, "quota"> = {
  displayName: "",
  description: "",
  parentId: null,
  deploymentStrategy: "Manual",
  variables: [],
  tags: [],
  contributorNamespaces: true,
};

/** The fields both creating and editing set, as one state object. */
export function useEnvironmentSettings(initial: Partial<TSettings> & { quota: TQuotaInput }) {
  const [values, setValues] = useState<TSettings>({ ...EMPTY, ...initial });
  // Tags are typed as one comma-separated line and split on submit.
  const [tagText, setTagText] = useState(values.tags.join(", "));
  const set = (change: Partial<TSettings>) => setValues((v) => ({ ...v, ...change }));
  const tags = tagText
    .split(",")
    .map((t) => t.trim())
    .filter(Boolean);
  return { values: { ...values, tags }, set, tagText, setTagText };
}

export function EnvironmentSettingsFields({
  settings,
  errors,
  ceilings,
  environments,
  showContributorNamespaces,
  onDisplayNameChange,
  children,
}: {
  settings: ReturnType<typeof useEnvironmentSettings>;
  errors: Record<string, string[]>;
  ceilings: Record<string, string>;
  /** Possible parents (the environment itself excluded when editing). */
  environments: { id: string; name: string; displayName: string }[];
  showContributorNamespaces: boolean;
  onDisplayNameChange?: (value: string) => void;
  /** Fields only creating sets, shown after the display name. */
  children?: ReactNode;
}) {
  const { values, set } = settings;
  const tagError = errors.tags ?? Object.entries(errors).find(([k]) => k.startsWith("tags."))?.[1];
  return (
    <>
      <Field label="Display name" required error={errors.displayName}>
        <Input
          name="displayName"
          value={values.displayName}
          maxLength={100}
          onChange={(e) => {
            set({ displayName: e.target.value });
            onDisplayNameChange?.(e.target.value);
          }}
        />
      </Field>
      {children}
      <Field
        label="Promoted from"
        error={errors.parentId}
        description="The environment changes are promoted from, e.g. dev → stage → prod."
      >
        <NativeSelect
          name="parentId"
          value={values.parentId ?? ""}
          onChange={(e) => set({ parentId: e.target.value || null })}
        >
          <option value="">Nothing (start of the promotion order)</option>
          {environments.map((env) => (
            <option key={env.id} value={env.id}>
              {env.displayName} ({env.name})
            </option>
          ))}
        </NativeSelect>
      </Field>
      <Field label="Deployment strategy" error={errors.deploymentStrategy}>
        <NativeSelect
          name="deploymentStrategy"
          value={values.deploymentStrategy}
          onChange={(e) =>
            set({ deploymentStrategy: e.target.value as TSettings["deploymentStrategy"] })
          }
        >
          {DEPLOYMENT_STRATEGIES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </NativeSelect>
      </Field>
      <Field label="Description" error={errors.description}>
        <Textarea
          name="description"
          value={values.description}
          rows={2}
          maxLength={1000}
          onChange={(e) => set({ description: e.target.value })}
        />
      </Field>
      <Field label="Tags" error={tagError} description="Optional, separated by commas.">
        <Input
          name="tags"
          value={settings.tagText}
          onChange={(e) => settings.setTagText(e.target.value)}
        />
      </Field>
      <VariableFields
        variables={values.variables}
        errors={errors}
        onChange={(variables) => set({ variables })}
      />
      <QuotaFields
        quota={values.quota}
        ceilings={ceilings}
        errors={errors}
        onChange={(quota) => set({ quota })}
      />
      {showContributorNamespaces ? (
        <label className="flex items-start gap-2 text-sm">
          <input
            type="checkbox"
            name="contributorNamespaces"
            className="mt-1"
            checked={values.contributorNamespaces}
            onChange={(e) => set({ contributorNamespaces: e.target.checked })}
          />
          <span>
            Contributors get their own workspace namespace. When off, contributors work in the
            environment&apos;s shared namespace.
          </span>
        </label>
      ) : null}
    </>
  );
}
