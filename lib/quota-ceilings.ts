// A quota may ask for at most what the cluster's admin allows (cluster.quota_ceilings, keyed like
// ResourceQuota `hard`). Used by the form, before a round trip, and by the service, which decides.
import { QUOTA_FIELDS, type TQuotaField, type TQuotaInput } from "./environment-defaults";
import { compareQuantities, isQuantity } from "./quantity";

/** Field messages for every quota value above its ceiling; empty when all fit. */
export function quotaOverCeilings(
  quota: TQuotaInput,
  ceilings: Record<string, string>,
): Partial<Record<`quota.${TQuotaField}`, string[]>> {
  const errors: Partial<Record<`quota.${TQuotaField}`, string[]>> = {};
  for (const field of Object.keys(QUOTA_FIELDS) as TQuotaField[]) {
    const ceiling = ceilings[QUOTA_FIELDS[field]];
    const value = quota[field];
    // A ceiling that is not a quantity is the admin's mistake; it limits nothing rather than all.
    if (ceiling === undefined || !isQuantity(ceiling) || !isQuantity(value)) continue;
    if (compareQuantities(value, ceiling) > 0) {
      errors[`quota.${field}`] = [`At most ${ceiling} on this cluster.`];
    }
  }
  return errors;
}
