// Environment input schemas, shared by the tRPC procedures (server) and the forms (browser). What
// needs the database (the cluster's ceilings and allowed namespaces, uniqueness, the graph) is
// checked by the services.
import { z } from "zod";
import { ENVIRONMENT_TYPES, type TQuotaInput } from "../environment-defaults";
import { DNS_LABEL, isReservedNamespace } from "../namespace-names";
import { isQuantity } from "../quantity";
import { dnsLabelName } from "./dns-label";
import { ZPageInputSchema } from "./pagination";
import { ZDescriptionSchema, ZDisplayNameSchema, ZSpaceRefSchema } from "./space";
import { singleLineText } from "./text";
import { uniqueBy } from "./unique-by";

export const DEPLOYMENT_STRATEGIES = ["Manual", "AppStudioAutomated"] as const;
/** Ephemeral environments live at most this long before someone extends them. */
export const MAX_EXPIRY_DAYS = 30;

// "new" would shadow the …/environments/new route.
export const ZEnvironmentNameSchema = dnsLabelName().refine(
  (name) => name !== "new",
  "This name is reserved; choose another.",
);

/** Empty means "generate one from the space and environment names". */
export const ZNamespaceSchema = singleLineText("Namespace")
  .trim()
  .max(63, "A namespace must be at most 63 characters.")
  .refine(
    (ns) => ns === "" || DNS_LABEL.test(ns),
    "Use lower-case letters, digits and hyphens, starting and ending with a letter or digit.",
  )
  .refine(
    (ns) => !isReservedNamespace(ns),
    "This namespace belongs to the cluster (default, kube-*, openshift-*); choose another.",
  );

const ZEnvironmentTypeSchema = z.enum(ENVIRONMENT_TYPES, {
  message: "Choose build, dev, test, stage, run or custom.",
});

const ZIdSchema = (what: string) => z.uuid(`Choose a ${what}.`);

const ZVariableSchema = z.object({
  name: singleLineText("Variable name")
    .trim()
    .min(1, "Variable name is required.")
    .max(128, "Variable name must be at most 128 characters.")
    .regex(
      /^[A-Za-z_][A-Za-z0-9_]*$/,
      "Use letters, digits and underscores, not starting with a digit.",
    ),
  value: singleLineText("Value").max(4096, "Value must be at most 4096 characters."),
});

/** Environment variables: NAME=value pairs, each name once. */
export const ZVariablesSchema = z
  .array(ZVariableSchema)
  .max(100, "At most 100 variables.")
  .superRefine(
    uniqueBy(
      (v) => v.name,
      "name",
      (name) => `${name} is already set above.`,
    ),
  );

export const ZTagsSchema = z
  .array(
    singleLineText("Tag")
      .trim()
      .min(1, "A tag must not be empty.")
      .max(50, "A tag must be at most 50 characters."),
  )
  .max(20, "At most 20 tags.")
  .refine((tags) => new Set(tags).size === tags.length, "Each tag only once.");

const quantity = (what: string) =>
  singleLineText(what)
    .trim()
    .min(1, `${what} is required.`)
    .max(32, `${what} must be at most 32 characters.`)
    .refine(isQuantity, `${what} must be a Kubernetes quantity, like 500m, 2, 512Mi or 4Gi.`);

export const ZQuotaSchema = z.object({
  requestsCpu: quantity("CPU requests"),
  requestsMemory: quantity("Memory requests"),
  limitsCpu: quantity("CPU limits"),
  limitsMemory: quantity("Memory limits"),
  pods: quantity("Pods"),
}) satisfies z.ZodType<TQuotaInput>;

/** What both creating and editing set. */
const ZEditableSchema = z.object({
  displayName: ZDisplayNameSchema,
  description: ZDescriptionSchema.default(""),
  parentId: ZIdSchema("parent environment").nullable().default(null),
  deploymentStrategy: z
    .enum(DEPLOYMENT_STRATEGIES, { message: "Choose Manual or AppStudioAutomated." })
    .default("Manual"),
  variables: ZVariablesSchema.default([]),
  tags: ZTagsSchema.default([]),
  quota: ZQuotaSchema,
  contributorNamespaces: z.boolean().default(true),
});

export type TEnvironmentVariable = z.infer<typeof ZVariableSchema>;

export const ZEnvironmentRefSchema = ZSpaceRefSchema.extend({
  environment: ZEnvironmentNameSchema,
});

/** environment.deployed: a page of the applications bound to the environment. */
export const ZFindDeployedApplicationsSchema = ZEnvironmentRefSchema.merge(ZPageInputSchema);

/**
 * environment.liveObject: one object the environment manages, named as its managed_object row
 * names it (namespace empty or absent for cluster-scoped objects).
 */
export const ZLiveObjectSchema = ZEnvironmentRefSchema.extend({
  apiVersion: singleLineText("API version")
    .trim()
    .min(1, "API version is required.")
    .max(253, "API version must be at most 253 characters."),
  kind: singleLineText("Kind")
    .trim()
    .min(1, "Kind is required.")
    .max(63, "Kind must be at most 63 characters."),
  namespace: singleLineText("Namespace")
    .trim()
    .max(63, "A namespace must be at most 63 characters.")
    .default(""),
  name: singleLineText("Name")
    .trim()
    .min(1, "Name is required.")
    .max(253, "Name must be at most 253 characters."),
});

/** environment.clusterEvents: a page of the namespace's Events; `continue` is the API's own token. */
export const ZClusterEventsSchema = ZEnvironmentRefSchema.extend({
  continue: singleLineText("Continue token")
    .max(4096, "The continue token must be at most 4096 characters.")
    .optional(),
});

export const ZCreateEnvironmentSchema = ZSpaceRefSchema.extend({
  ...ZEditableSchema.shape,
  name: ZEnvironmentNameSchema,
  type: ZEnvironmentTypeSchema,
  // Exactly one of the two (checked below): where the namespace lives.
  clusterId: ZIdSchema("cluster").nullable().default(null),
  claimId: ZIdSchema("deployment target claim").nullable().default(null),
  namespace: ZNamespaceSchema.default(""),
  expiresAt: z.date({ message: "Enter a date and time." }).nullable().default(null),
}).superRefine((input, ctx) => {
  if ((input.clusterId === null) === (input.claimId === null)) {
    ctx.addIssue({
      code: "custom",
      path: ["clusterId"],
      message: "Choose a cluster or a deployment target claim (one of them).",
    });
  }
});
export type TCreateEnvironment = z.infer<typeof ZCreateEnvironmentSchema>;

export const ZUpdateEnvironmentSchema = ZEnvironmentRefSchema.extend(ZEditableSchema.shape);
export type TEnvironmentChanges = z.infer<typeof ZEditableSchema>;
export type TUpdateEnvironment = z.infer<typeof ZUpdateEnvironmentSchema>;

export const ZExtendEnvironmentSchema = ZEnvironmentRefSchema.extend({
  expiresAt: z.date({ message: "Enter a date and time." }),
});

export const ZDeleteEnvironmentSchema = ZEnvironmentRefSchema.extend({
  confirmName: singleLineText("The confirmation")
    .trim()
    .min(1, "Type the environment name to confirm.")
    .max(63, "Type the environment name to confirm."),
});

export const ZFindEnvironmentsSchema = ZSpaceRefSchema.merge(ZPageInputSchema);

/** A message when an expiry time is not in the next MAX_EXPIRY_DAYS days, else null. */
export function expiryProblem(expiresAt: Date, now: Date): string | null {
  if (expiresAt.getTime() <= now.getTime()) return "The expiry time must be in the future.";
  if (expiresAt.getTime() > now.getTime() + MAX_EXPIRY_DAYS * 86_400_000) {
    return `The expiry time must be within ${MAX_EXPIRY_DAYS} days.`;
  }
  return null;
}
