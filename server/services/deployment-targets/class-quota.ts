// A class's quota parameters: the form's fields as ResourceQuota `hard` quantities, each within
// the ceiling the cluster's administrator set for it.
import type { TQuotaQuantities } from "@/db/schema";
import { compareQuantities, isQuantity } from "@/lib/quantity";
import { QUOTA_FIELDS, type TQuotaInput } from "@/lib/validators/deployment-target";
import { AppError, type TFieldErrors } from "../errors";

export function quotaOfInput(
  input: TQuotaInput,
  ceilings: TQuotaQuantities,
  clusterName: string,
): TQuotaQuantities {
  const quota: TQuotaQuantities = {};
  const errors: TFieldErrors = {};
  for (const { field, key, label } of QUOTA_FIELDS) {
    const value = input[field];
    if (!value) continue;
    const ceiling = ceilings[key];
    // A ceiling that is not a quantity (hand-edited) limits nothing rather than failing the form.
    if (ceiling !== undefined && isQuantity(ceiling) && compareQuantities(value, ceiling) > 0) {
      errors[`quota.${field}`] = [`${label} may be at most ${ceiling} on cluster ${clusterName}.`];
    }
    quota[key] = value;
  }
  if (Object.keys(errors).length > 0) {
    throw new AppError("BAD_REQUEST", "Some quotas exceed the cluster's ceilings.", errors);
  }
  return quota;
}

/** The other way, for the edit form. */
export function quotaInputOf(quota: TQuotaQuantities | undefined): TQuotaInput {
  return Object.fromEntries(
    QUOTA_FIELDS.map(({ field, key }) => [field, quota?.[key] ?? ""]),
  ) as TQuotaInput;
}
