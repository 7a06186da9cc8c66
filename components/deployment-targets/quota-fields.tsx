"use client";

import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import type { TFieldMessages } from "@/lib/validate-form";
import { QUOTA_FIELDS, type TQuotaInput } from "@/lib/validators/deployment-target";

/** The quota parameters of a class, each with the cluster's ceiling as its hint. */
export function QuotaFields({
  value,
  onChange,
  errors,
  ceilings,
}: {
  value: TQuotaInput;
  onChange: (next: TQuotaInput) => void;
  errors: TFieldMessages;
  ceilings: Record<string, string>;
}) {
  return (
    <fieldset className="grid gap-4 sm:grid-cols-2">
      <legend className="mb-2 text-sm font-medium">Quota for each provisioned namespace</legend>
      {QUOTA_FIELDS.map(({ field, key, label, example }) => (
        <Field
          key={field}
          label={label}
          error={errors[`quota.${field}`]}
          description={
            ceilings[key]
              ? `At most ${ceilings[key]} on this cluster.`
              : `Optional, e.g. ${example}.`
          }
        >
          <Input
            name={`quota.${field}`}
            value={value[field]}
            className="font-mono"
            autoComplete="off"
            onChange={(e) => onChange({ ...value, [field]: e.target.value })}
          />
        </Field>
      ))}
    </fieldset>
  );
}
