"use client";

import { VariableFields } from "@/components/environments/variable-fields";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import type { TComponentConfigValues } from "@/lib/binding-configuration";
import { MAX_REPLICAS, SYNC_MODES, type TSyncMode } from "@/lib/validators/binding";

const SYNC_MODE_LABELS: Record<TSyncMode, string> = {
  automated: "Automated",
  manual: "Manual",
};

// No placeholders: an empty field means "the source's value", and a greyed example would read as one.
const QUANTITIES = [
  { kind: "requests", resource: "cpu", label: "CPU request" },
  { kind: "limits", resource: "cpu", label: "CPU limit" },
  { kind: "requests", resource: "memory", label: "Memory request" },
  { kind: "limits", resource: "memory", label: "Memory limit" },
] as const;

/**
 * One component's settings in one environment. Messages come from binding.update's schema under
 * `prefix` ("components.1."), so each shows under its own field.
 */
export function BindingComponentFields({
  value,
  onChange,
  errors,
  prefix,
}: {
  value: TComponentConfigValues;
  onChange: (value: TComponentConfigValues) => void;
  errors: Record<string, string[]>;
  prefix: string;
}) {
  const error = (field: string) => errors[`${prefix}${field}`];
  const set = (change: Partial<TComponentConfigValues>) => onChange({ ...value, ...change });
  const setQuantity = (kind: "requests" | "limits", resource: "cpu" | "memory", typed: string) =>
    set({
      resources: {
        ...value.resources,
        [kind]: { ...value.resources[kind], [resource]: typed },
      },
    });
  return (
    <fieldset className="space-y-4 rounded-lg border p-4">
      <legend className="px-1 text-sm font-semibold">
        {value.displayName} <span className="font-mono font-normal">({value.name})</span>
      </legend>
      <div className="grid items-start gap-4 sm:grid-cols-2">
        <Field
          label="Sync mode"
          error={error("syncMode")}
          description="Manual: Argo CD deploys only when someone presses Sync now."
        >
          <NativeSelect
            value={value.syncMode}
            onChange={(e) => set({ syncMode: e.target.value as TSyncMode })}
          >
            {SYNC_MODES.map((mode) => (
              <option key={mode} value={mode}>
                {SYNC_MODE_LABELS[mode]}
              </option>
            ))}
          </NativeSelect>
        </Field>
        <Field
          label="Replicas"
          error={error("configuration.replicas")}
          description="Empty: as many as the GitOps source says."
        >
          <Input
            inputMode="numeric"
            value={value.replicas}
            maxLength={String(MAX_REPLICAS).length}
            autoComplete="off"
            onChange={(e) => set({ replicas: e.target.value })}
          />
        </Field>
      </div>
      <div className="grid items-start gap-4 sm:grid-cols-2">
        {QUANTITIES.map(({ kind, resource, label }) => (
          <Field
            key={label}
            label={label}
            error={error(`configuration.resources.${kind}.${resource}`)}
          >
            <Input
              value={value.resources[kind][resource]}
              className="font-mono"
              autoComplete="off"
              spellCheck={false}
              onChange={(e) => setQuantity(kind, resource, e.target.value)}
            />
          </Field>
        ))}
      </div>
      <p className="text-muted-foreground text-xs">
        Quantities like 500m or 2 (CPU), 512Mi or 4Gi (memory); empty keeps the GitOps source&apos;s
        request or limit.
      </p>
      <VariableFields
        variables={value.env}
        errors={errors}
        errorKey={`${prefix}configuration.env`}
        onChange={(env) => set({ env })}
      />
    </fieldset>
  );
}
