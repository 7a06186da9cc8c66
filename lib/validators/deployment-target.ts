// Deployment target input schemas (classes, statically registered targets, claims), shared by the
// tRPC procedures and the forms. Modelled on StorageClass / PersistentVolume / PVC.
import { z } from "zod";
import { isReservedNamespace } from "../namespace-names";
import { isQuantity } from "../quantity";
import { dnsLabel } from "./dns-label";
import { ZPageInputSchema } from "./pagination";
import { ZDescriptionSchema, ZSpaceRefSchema } from "./space";
import { singleLineText } from "./text";

export const RECLAIM_POLICIES = ["Retain", "Delete"] as const;
export type TReclaimPolicy = (typeof RECLAIM_POLICIES)[number];
export const TARGET_PROVISIONER = "slipway.dev/namespace";

export const ZTargetNamespaceSchema = dnsLabel("Namespace").refine(
  (name) => !isReservedNamespace(name),
  "This namespace belongs to the cluster itself; choose another.",
);

/** The quota form fields and the ResourceQuota `hard` keys they set. */
export const QUOTA_FIELDS = [
  { field: "requestsCpu", key: "requests.cpu", label: "CPU requests", example: "2" },
  { field: "requestsMemory", key: "requests.memory", label: "Memory requests", example: "4Gi" },
  { field: "limitsCpu", key: "limits.cpu", label: "CPU limits", example: "4" },
  { field: "limitsMemory", key: "limits.memory", label: "Memory limits", example: "8Gi" },
  { field: "pods", key: "pods", label: "Pods", example: "20" },
] as const;
export type TQuotaField = (typeof QUOTA_FIELDS)[number]["field"];

/** Empty means "no limit from this class". */
const ZQuantityFieldSchema = singleLineText("Quantity")
  .trim()
  .max(32, "A quantity is at most 32 characters.")
  .refine(
    (value) => value === "" || (isQuantity(value) && !value.startsWith("-")),
    'Write a Kubernetes quantity such as "2", "500m" or "8Gi".',
  )
  .default("");

export const ZQuotaInputSchema = z.object(
  Object.fromEntries(QUOTA_FIELDS.map(({ field }) => [field, ZQuantityFieldSchema])) as Record<
    TQuotaField,
    typeof ZQuantityFieldSchema
  >,
);
export type TQuotaInput = z.infer<typeof ZQuotaInputSchema>;

export const ZReclaimPolicySchema = z.enum(RECLAIM_POLICIES, {
  message: "Choose Retain or Delete.",
});

const ZIdSchema = (what: string) => z.uuid(`Choose a ${what}.`);

export const ZCreateTargetClassSchema = z.object({
  name: dnsLabel("Name"),
  description: ZDescriptionSchema.default(""),
  clusterId: ZIdSchema("cluster"),
  reclaimPolicy: ZReclaimPolicySchema,
  quota: ZQuotaInputSchema.prefault({}),
});
export type TCreateTargetClass = z.infer<typeof ZCreateTargetClassSchema>;

export const ZTargetClassRefSchema = z.object({ classId: ZIdSchema("class") });

/** Name and cluster are fixed once targets may exist; the rest applies to targets made from now on. */
export const ZUpdateTargetClassSchema = ZTargetClassRefSchema.extend({
  description: ZDescriptionSchema,
  reclaimPolicy: ZReclaimPolicySchema,
  quota: ZQuotaInputSchema,
});
export type TUpdateTargetClass = z.infer<typeof ZUpdateTargetClassSchema>;

export const ZFindTargetClassesSchema = ZPageInputSchema;

export const ZRegisterTargetSchema = z.object({
  classId: ZIdSchema("class"),
  name: dnsLabel("Name"),
  namespace: ZTargetNamespaceSchema,
});
export type TRegisterTarget = z.infer<typeof ZRegisterTargetSchema>;

export const ZTargetRefSchema = z.object({ targetId: ZIdSchema("target") });

export const ZFindTargetsSchema = ZPageInputSchema;

export const ZCreateClaimSchema = ZSpaceRefSchema.extend({
  name: dnsLabel("Name"),
  classId: ZIdSchema("class"),
});
export type TCreateClaim = z.infer<typeof ZCreateClaimSchema>;

export const ZClaimRefSchema = ZSpaceRefSchema.extend({ name: dnsLabel("Name") });

export const ZFindClaimsSchema = ZSpaceRefSchema.merge(ZPageInputSchema);
