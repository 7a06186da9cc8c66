// SnapshotEnvironmentBinding input schemas: which snapshot of an application runs in an
// environment, with per-component configuration on top of the environment's own variables. The
// (application, environment) pair names the binding and never changes; the snapshot does.
import { z } from "zod";
import { parseQuantity } from "../quantity";
import { MAX_COMPONENTS, ZApplicationRefSchema } from "./application";
import { dnsLabel } from "./dns-label";
import { ZEnvironmentNameSchema, ZVariablesSchema } from "./environment";
import { ZPageInputSchema } from "./pagination";
import { ZSnapshotNameSchema } from "./snapshot";
import { singleLineText } from "./text";
import { uniqueBy } from "./unique-by";

export const MAX_REPLICAS = 1000;

/**
 * How Argo CD syncs a component (upstream GitOpsDeployment `type`): `automated` follows Git on its
 * own; `manual` deploys only when someone starts a sync run.
 */
export const SYNC_MODES = ["automated", "manual"] as const;
export const ZSyncModeSchema = z.enum(SYNC_MODES, {
  message: 'Sync mode must be "automated" or "manual".',
});
export type TSyncMode = z.infer<typeof ZSyncModeSchema>;

/** Empty means "not set here" (the GitOps source's own value stands). */
const quantity = (what: string) =>
  singleLineText(what)
    .trim()
    .max(32, `${what} must be at most 32 characters.`)
    .refine(
      (value) => value === "" || (parseQuantity(value) ?? -1n) >= 0n,
      `${what} must be a Kubernetes quantity, like 500m, 2, 512Mi or 4Gi.`,
    )
    .default("");

const ZResourceListSchema = z.object({
  cpu: quantity("CPU"),
  memory: quantity("Memory"),
});

const ZResourcesSchema = z
  .object({
    requests: ZResourceListSchema.prefault({}),
    limits: ZResourceListSchema.prefault({}),
  })
  .superRefine((resources, ctx) => {
    for (const resource of ["cpu", "memory"] as const) {
      const request = parseQuantity(resources.requests[resource]);
      const limit = parseQuantity(resources.limits[resource]);
      if (request !== null && limit !== null && request > limit) {
        ctx.addIssue({
          code: "custom",
          path: ["requests", resource],
          message: `The ${resource === "cpu" ? "CPU" : "memory"} request must not exceed its limit (${resources.limits[resource]}).`,
        });
      }
    }
  });

/** Upstream's BindingComponentConfiguration: replicas, env and resources for one environment. */
export const ZBindingComponentSchema = z.object({
  /** A component of the application. */
  name: dnsLabel("Component name"),
  syncMode: ZSyncModeSchema.default("automated"),
  configuration: z
    .object({
      /** Null: as many as the GitOps source says. */
      replicas: z
        .number({ message: "Replicas must be a whole number." })
        .int("Replicas must be a whole number.")
        .min(0, "Replicas cannot be negative.")
        .max(MAX_REPLICAS, `At most ${MAX_REPLICAS} replicas.`)
        .nullable()
        .default(null),
      /** Added to (and overriding) the environment's own variables. */
      env: ZVariablesSchema.default([]),
      resources: ZResourcesSchema.prefault({}),
    })
    .prefault({}),
});
export type TBindingComponent = z.infer<typeof ZBindingComponentSchema>;

const ZBindingComponentsSchema = z
  .array(ZBindingComponentSchema)
  .max(MAX_COMPONENTS, `At most ${MAX_COMPONENTS} components.`)
  .superRefine(
    uniqueBy(
      (c) => c.name,
      "name",
      (name) => `Component "${name}" is configured twice; merge its settings into one entry.`,
    ),
  );

export const ZBindingRefSchema = ZApplicationRefSchema.extend({
  environment: ZEnvironmentNameSchema,
});
export const ZFindBindingsSchema = ZApplicationRefSchema.merge(ZPageInputSchema);

/** binding.create: deploy `snapshot` (of the same application) to `environment` (of the space). */
export const ZCreateBindingSchema = ZBindingRefSchema.extend({
  snapshot: ZSnapshotNameSchema,
  components: ZBindingComponentsSchema.default([]),
});
export type TCreateBinding = z.infer<typeof ZCreateBindingSchema>;

/**
 * binding.update: another snapshot (a promotion) and/or new configuration; whichever is absent
 * stays. The configuration form sends no snapshot, so saving it cannot undo a promotion made
 * while it was open. Application and environment stay: they name the binding.
 */
export const ZUpdateBindingSchema = ZBindingRefSchema.extend({
  snapshot: ZSnapshotNameSchema.optional(),
  components: ZBindingComponentsSchema.optional(),
});
export type TUpdateBinding = z.infer<typeof ZUpdateBindingSchema>;

export const ZDeleteBindingSchema = ZBindingRefSchema;
