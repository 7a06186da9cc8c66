// Cluster input schemas, shared by the admin forms (browser) and the procedures (server).
import { z } from "zod";
import { DNS_LABEL } from "../namespace-names";
import { dnsLabel } from "./dns-label";
import { ZPageInputSchema } from "./pagination";
import { ZDescriptionSchema, ZSearchQuerySchema } from "./space";
import { multiLineText, singleLineText } from "./text";

/** A DNS-1123 label or nothing (""). */
function optionalDnsLabel(what: string) {
  return singleLineText(what)
    .trim()
    .max(63, `${what} must be at most 63 characters.`)
    .refine((v) => v === "" || DNS_LABEL.test(v), {
      message:
        "Use only lower-case letters, digits and hyphens, starting and ending with a letter or digit.",
    });
}

export const ZClusterNameSchema = dnsLabel("Name").refine((name) => name !== "new", {
  message: "This name is reserved; choose another.",
});

export const ZClusterRefSchema = z.object({ name: ZClusterNameSchema });

/** The ResourceQuota keys a cluster may set ceilings for. */
export const QUOTA_RESOURCES = [
  "requests.cpu",
  "requests.memory",
  "limits.cpu",
  "limits.memory",
  "pods",
  "persistentvolumeclaims",
  "requests.storage",
  "services",
  "configmaps",
  "secrets",
] as const;
export type TQuotaResource = (typeof QUOTA_RESOURCES)[number];

// apimachinery's resource.Quantity, non-negative: a number with an optional binary (Ki..Ei),
// decimal (n, u, m, k, M..E) or exponent suffix.
const QUANTITY = /^(\d+(\.\d*)?|\.\d+)([KMGTPE]i|[numkMGTPE]|[eE][+-]?\d+)?$/;

export const ZQuantitySchema = singleLineText("Quantity")
  .trim()
  .min(1, "Enter a quantity.")
  .max(32, "A quantity has at most 32 characters.")
  .regex(QUANTITY, 'Use a Kubernetes quantity, like "4", "500m", "8Gi".');

export const ZQuotaCeilingsSchema = z
  .array(
    z.object({
      resource: z.enum(QUOTA_RESOURCES, { message: "Choose one of the listed resources." }),
      quantity: ZQuantitySchema,
    }),
  )
  .max(QUOTA_RESOURCES.length)
  .refine((items) => new Set(items.map((i) => i.resource)).size === items.length, {
    message: "Each resource may have one ceiling.",
  });

// Label keys and values as Kubernetes allows them (prefixes not needed here).
const LABEL_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
export const ZClusterLabelsSchema = z
  .array(
    z.object({
      key: singleLineText("Label key")
        .trim()
        .min(1, "Enter a label key.")
        .max(63, "A label key has at most 63 characters.")
        .regex(
          LABEL_NAME,
          "Use letters, digits, '-', '_' and '.', starting and ending with a letter or digit.",
        ),
      value: singleLineText("Label value")
        .trim()
        .max(63, "A label value has at most 63 characters.")
        .refine((v) => v === "" || LABEL_NAME.test(v), {
          message:
            "Use letters, digits, '-', '_' and '.', starting and ending with a letter or digit.",
        }),
    }),
  )
  .max(20, "At most 20 labels.")
  .refine((items) => new Set(items.map((i) => i.key)).size === items.length, {
    message: "Each label key may appear once.",
  });

const apiUrl = () =>
  singleLineText("API URL")
    .trim()
    .max(2048, "The API URL has at most 2048 characters.")
    .refine((v) => v === "" || URL.canParse(v), "Enter a URL, like https://api.example.com:6443.")
    .refine(
      (v) => v === "" || v.startsWith("https://"),
      "Slipway only talks to clusters over https://.",
    );

export const ZApiUrlSchema = apiUrl().refine((v) => v !== "", "Enter the API URL.");

const ZOptionalDashboardUrl = singleLineText("Dashboard URL")
  .trim()
  .max(2048, "The URL has at most 2048 characters.")
  .refine((v) => v === "" || (URL.canParse(v) && /^https?:\/\//.test(v)), {
    message: "Enter an http:// or https:// URL, or leave it empty.",
  });

/** Credentials: a kubeconfig (and the context to use) or a bearer token and CA bundle. */
export const ZClusterCredentialsInputSchema = z
  .object({
    source: z.enum(["kubeconfig", "token"], { message: "Choose kubeconfig or token." }),
    kubeconfig: multiLineText("The kubeconfig")
      .max(262_144, "A kubeconfig here may be at most 256 KiB.")
      .default(""),
    context: singleLineText("Context").trim().max(253, "Choose a context.").default(""),
    token: singleLineText("Token").trim().max(16_384, "The token is too long.").default(""),
    caData: multiLineText("CA bundle")
      .trim()
      .max(262_144, "The CA bundle is too long.")
      .default(""),
  })
  .superRefine((value, ctx) => {
    const missing = (path: string, message: string) =>
      ctx.addIssue({ code: "custom", path: [path], message });
    if (value.source === "kubeconfig" && value.kubeconfig.trim() === "")
      missing("kubeconfig", "Paste or upload a kubeconfig.");
    if (value.source === "token") {
      if (value.token === "") missing("token", "Enter the bearer token.");
      if (value.caData !== "" && !value.caData.includes("-----BEGIN CERTIFICATE-----"))
        missing("caData", "Paste the CA bundle as PEM (-----BEGIN CERTIFICATE-----).");
    }
  });
export type TClusterCredentialsInput = z.infer<typeof ZClusterCredentialsInputSchema>;

const settings = {
  displayName: singleLineText("Display name")
    .trim()
    .max(100, "Display name must be at most 100 characters.")
    .default(""),
  description: ZDescriptionSchema.default(""),
  insecureSkipTlsVerify: z.boolean().default(false),
  namespaces: z.array(dnsLabel("Namespace")).max(100, "At most 100 namespaces.").default([]),
  clusterResources: z.boolean().default(true),
  labels: ZClusterLabelsSchema.default([]),
  /** Empty: Argo CD does not run on this cluster. */
  argoCdNamespace: optionalDnsLabel("Argo CD namespace").default(""),
  workspaceUrl: ZOptionalDashboardUrl.default(""),
  quotaCeilings: ZQuotaCeilingsSchema.default([]),
};

export const ZRegisterClusterSchema = z.object({
  name: ZClusterNameSchema,
  ...settings,
  /** Required with a token; a kubeconfig's context supplies its own. */
  apiUrl: apiUrl().default(""),
  credentials: ZClusterCredentialsInputSchema,
});
export type TRegisterCluster = z.infer<typeof ZRegisterClusterSchema>;

export const ZUpdateClusterSchema = z.object({
  name: ZClusterNameSchema,
  ...settings,
  apiUrl: ZApiUrlSchema,
  /** Hub topology: the cluster whose Argo CD deploys to this one; empty for its own. */
  hubCluster: optionalDnsLabel("Hub cluster").default(""),
});
export type TUpdateCluster = z.infer<typeof ZUpdateClusterSchema>;

export const ZRotateClusterCredentialsSchema = z.object({
  name: ZClusterNameSchema,
  credentials: ZClusterCredentialsInputSchema,
});
export type TRotateClusterCredentials = z.infer<typeof ZRotateClusterCredentialsSchema>;

export const ZSetClusterCordonedSchema = z.object({
  name: ZClusterNameSchema,
  cordoned: z.boolean(),
});

export const ZDeleteClusterSchema = z.object({
  name: ZClusterNameSchema,
  confirmName: singleLineText("The confirmation")
    .trim()
    .min(1, "Type the cluster name to confirm.")
    .max(63, "Type the cluster name to confirm."),
  /** Also delete the environments on it (they are removed from the cluster first). */
  deleteEnvironments: z.boolean().default(false),
});
export type TDeleteCluster = z.infer<typeof ZDeleteClusterSchema>;

export const ZInspectKubeconfigSchema = z.object({
  kubeconfig: multiLineText("The kubeconfig")
    .min(1, "Paste or upload a kubeconfig.")
    .max(262_144, "A kubeconfig here may be at most 256 KiB."),
});

export const ZFindClustersSchema = ZPageInputSchema.extend({
  query: ZSearchQuerySchema.optional(),
});
export type TFindClusters = z.infer<typeof ZFindClustersSchema>;
