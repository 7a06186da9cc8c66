// The seed's declarative shapes (appstudio.redhat.com/v1alpha1) as Slipway reads and writes them.
// Field names follow redhat-appstudio/application-api at 18f545e; what upstream has no field for
// (an environment's type, quota and cluster; a component's display name and GitOps source type)
// travels as `slipway.dev/…` annotations, as Kubernetes extensions do.
import { z } from "zod";

export const API_VERSION = "appstudio.redhat.com/v1alpha1";
export const ANNOTATION_PREFIX = "slipway.dev/";

/** The kinds in the order an export writes them and an import applies them (references first). */
export const KINDS = [
  "DeploymentTargetClaim",
  "Environment",
  "Application",
  "Component",
  "Snapshot",
  "SnapshotEnvironmentBinding",
  "PromotionRun",
] as const;
export type TKind = (typeof KINDS)[number];

/** One document of an export: plain data, written as YAML in this key order. */
export interface TDocument {
  apiVersion: typeof API_VERSION;
  kind: TKind;
  /** creationTimestamp: only where Slipway keeps it (a promotion run's, which orders history). */
  metadata: { name: string; creationTimestamp?: string; annotations?: Record<string, string> };
  spec: Record<string, unknown>;
  status?: Record<string, unknown>;
}

/** metadata.name: a DNS-1123 subdomain, as Kubernetes names objects. */
const ZObjectNameSchema = z
  .string({ message: "metadata.name is required." })
  .min(1, "metadata.name is required.")
  .max(253, "metadata.name must be at most 253 characters.")
  .regex(
    /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/,
    "Use lower-case letters, digits, '-' and '.', starting and ending with a letter or digit.",
  );

export const ZMetadataSchema = z.object({
  name: ZObjectNameSchema,
  annotations: z.record(z.string(), z.string()).default({}),
  labels: z.record(z.string(), z.string()).optional(),
});

/** A document's envelope; `status` is accepted (an export carries it) and ignored. */
export function documentSchema<
  TKindName extends TKind,
  TSpec extends z.ZodType,
  TMetadata extends z.ZodType = typeof ZMetadataSchema,
>(kind: TKindName, spec: TSpec, metadata?: TMetadata) {
  return z.object({
    apiVersion: z.literal(API_VERSION, { message: `apiVersion must be ${API_VERSION}.` }),
    kind: z.literal(kind),
    metadata: (metadata ?? ZMetadataSchema) as TMetadata,
    spec,
    status: z.unknown().optional(),
  });
}

/** metadata whose name is a DNS label (the objects Slipway names by a label) and known annotations. */
export function labelMetadata<TAnnotations extends z.ZodRawShape>(
  name: z.ZodType<string>,
  known: TAnnotations,
) {
  return z.object({
    name,
    // Absent annotations are an empty map; each known key then reports what it misses.
    annotations: z
      .object(known)
      .catchall(z.string())
      .prefault({} as never),
    labels: z.record(z.string(), z.string()).optional(),
  });
}

/** Annotations from Slipway keys, leaving out empty values. */
export function annotations(values: Record<string, string | null>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(values)
      .filter((entry): entry is [string, string] => entry[1] !== null && entry[1] !== "")
      .map(([key, value]) => [ANNOTATION_PREFIX + key, value]),
  );
}
