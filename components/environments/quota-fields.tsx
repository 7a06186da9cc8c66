import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import {
  QUOTA_FIELD_LABELS,
  QUOTA_FIELDS,
  type TQuotaField,
  type TQuotaInput,
} from "@/lib/environment-defaults";

/** The ResourceQuota inputs, each showing the cluster's ceiling for it when there is one. */
export function QuotaFields({
  quota,
  ceilings,
  errors,
  onChange,
}: {
  quota: TQuotaInput;
  ceilings: Record<string, string>;
  errors: Record<string, string[]>;
  onChange: (quota: TQuotaInput) => void;
}) {
  return (
    <fieldset className="space-y-3">
      <legend className="text-sm font-medium">Quota</legend>
      <p className="text-muted-foreground text-sm">
        Prefilled with this type&apos;s defaults. Kubernetes quantities: 500m or 2 for CPU, 512Mi or
        4Gi for memory.
      </p>
      <div className="grid gap-4 sm:grid-cols-2">
        {(Object.keys(QUOTA_FIELDS) as TQuotaField[]).map((field) => {
          const ceiling = ceilings[QUOTA_FIELDS[field]];
          return (
            <Field
              key={field}
              label={QUOTA_FIELD_LABELS[field]}
              error={errors[`quota.${field}`]}
              description={ceiling ? `At most ${ceiling} on this cluster.` : "No ceiling set."}
            >
              <Input
                name={`quota.${field}`}
                value={quota[field]}
                className="font-mono"
                onChange={(e) => onChange({ ...quota, [field]: e.target.value })}
              />
            </Field>
          );
        })}
      </div>
    </fieldset>
  );
}
