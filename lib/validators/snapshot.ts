// Snapshot input schemas: an immutable set of component → container image for one application,
// created in the UI and by API (snapshot.create). Only the display name and description change
// later, as Konflux lets them; the components, the application and the artifacts never do.
import { z } from "zod";
import { MAX_COMPONENTS, ZApplicationRefSchema } from "./application";
import { dnsLabel } from "./dns-label";
import { ZContainerImageSchema } from "./git-source";
import { ZPageInputSchema } from "./pagination";
import { ZDescriptionSchema, ZDisplayNameSchema } from "./space";
import { uniqueBy } from "./unique-by";

/** Free-form JSON about what the snapshot holds (build ids, test reports…): a JSON object. */
export type TJsonValue =
  string | number | boolean | null | TJsonValue[] | { [key: string]: TJsonValue };
export type TArtifacts = { [key: string]: TJsonValue };

export const ARTIFACTS_MAX_BYTES = 64 * 1024;
const ARTIFACTS_MAX_DEPTH = 10;
// Control characters other than tab and line breaks: Postgres refuses NUL in jsonb, and the rest
// only come from a bug or an attack (as in every other text field).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/** What is wrong with an artifacts value, or null when it is a JSON object Slipway stores. */
export function artifactsProblem(value: unknown): string | null {
  if (typeof value !== "object" || value === null || Array.isArray(value))
    return 'Artifacts must be a JSON object, like {"build": "1234"}.';
  const walk = (node: unknown, depth: number): string | null => {
    if (depth > ARTIFACTS_MAX_DEPTH)
      return `Artifacts nest at most ${ARTIFACTS_MAX_DEPTH} levels deep.`;
    if (node === null || typeof node === "boolean") return null;
    if (typeof node === "number")
      return Number.isFinite(node) ? null : "Artifacts hold only finite numbers.";
    if (typeof node === "string")
      return CONTROL.test(node) ? "Artifacts must not contain control characters." : null;
    if (Array.isArray(node)) {
      for (const item of node) {
        const problem = walk(item, depth + 1);
        if (problem) return problem;
      }
      return null;
    }
    if (typeof node === "object" && Object.getPrototypeOf(node) === Object.prototype) {
      for (const [key, item] of Object.entries(node)) {
        if (CONTROL.test(key)) return "Artifacts must not contain control characters.";
        const problem = walk(item, depth + 1);
        if (problem) return problem;
      }
      return null;
    }
    return "Artifacts hold only JSON: objects, arrays, strings, numbers, true, false and null.";
  };
  const problem = walk(value, 1);
  if (problem) return problem;
  if (new TextEncoder().encode(JSON.stringify(value)).length > ARTIFACTS_MAX_BYTES)
    return `Artifacts are at most ${ARTIFACTS_MAX_BYTES / 1024} KiB of JSON.`;
  return null;
}

/** Absent means {}. */
const ZArtifactsSchema = z
  .unknown()
  .optional()
  .transform((value, ctx): TArtifacts => {
    if (value === undefined) return {};
    const problem = artifactsProblem(value);
    if (problem) {
      ctx.addIssue({ code: "custom", message: problem });
      return z.NEVER;
    }
    return value as TArtifacts;
  });

export const ZSnapshotNameSchema = dnsLabel("Name");

export const ZSnapshotComponentSchema = z.object({
  /** A component of the application. */
  name: dnsLabel("Component name"),
  /** The image this snapshot holds for it: registry/path:tag or @sha256:… */
  containerImage: ZContainerImageSchema,
});
export type TSnapshotComponent = z.infer<typeof ZSnapshotComponentSchema>;

export const ZSnapshotRefSchema = ZApplicationRefSchema.extend({ snapshot: ZSnapshotNameSchema });
export const ZFindSnapshotsSchema = ZApplicationRefSchema.merge(ZPageInputSchema);

/**
 * snapshot.create — the API for cutting a snapshot (also used by the form):
 * `{ space, application, name, displayName, description?, components: [{ name, containerImage }],
 * artifacts? }`. Each component must be one of the application's, named once.
 */
export const ZCreateSnapshotSchema = ZApplicationRefSchema.extend({
  name: ZSnapshotNameSchema,
  displayName: ZDisplayNameSchema,
  description: ZDescriptionSchema.default(""),
  components: z
    .array(ZSnapshotComponentSchema)
    .min(1, "A snapshot holds at least one component's image.")
    .max(MAX_COMPONENTS, `A snapshot holds at most ${MAX_COMPONENTS} components.`)
    .superRefine(
      uniqueBy(
        (c) => c.name,
        "name",
        (name) => `Component "${name}" is listed twice; a snapshot holds one image per component.`,
      ),
    ),
  artifacts: ZArtifactsSchema,
});
export type TCreateSnapshot = z.infer<typeof ZCreateSnapshotSchema>;

const IMMUTABLE =
  "A snapshot's components, images and artifacts never change: create a new snapshot instead.";

/** Only the display name and description change; components or artifacts sent here are refused. */
export const ZUpdateSnapshotSchema = ZSnapshotRefSchema.extend({
  displayName: ZDisplayNameSchema,
  /** Absent: the description stays as it is. */
  description: ZDescriptionSchema.optional(),
  components: z
    .unknown()
    .optional()
    .refine((value) => value === undefined, IMMUTABLE),
  artifacts: z
    .unknown()
    .optional()
    .refine((value) => value === undefined, IMMUTABLE),
});

export const ZDeleteSnapshotSchema = ZSnapshotRefSchema;
