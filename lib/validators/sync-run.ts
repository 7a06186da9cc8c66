// Sync run input schemas (upstream GitOpsDeploymentSyncRun): ask Argo CD to sync one manual
// deployment — a component of an application's binding to an environment — to a revision.
import { z } from "zod";
import { ZApplicationRefSchema } from "./application";
import { dnsLabel } from "./dns-label";
import { ZEnvironmentNameSchema } from "./environment";
import { ZTargetRevisionSchema } from "./git-source";
import { ZPageInputSchema } from "./pagination";
import { ZSpaceRefSchema } from "./space";

/** The deployment a run syncs: (application, environment) names the binding, then the component. */
export const ZDeploymentRefSchema = ZApplicationRefSchema.extend({
  environment: ZEnvironmentNameSchema,
  component: dnsLabel("Component name"),
});

/** syncRun.create: upstream's `revisionID`; absent, the deployment's own target revision. */
export const ZCreateSyncRunSchema = ZDeploymentRefSchema.extend({
  revisionID: ZTargetRevisionSchema.optional(),
});
export type TCreateSyncRun = z.infer<typeof ZCreateSyncRunSchema>;

export const ZSyncRunRefSchema = ZSpaceRefSchema.extend({
  id: z.uuid({ message: "A sync run id is a UUID." }),
});
export type TSyncRunRef = z.infer<typeof ZSyncRunRefSchema>;

export const ZFindSyncRunsSchema = ZDeploymentRefSchema.merge(ZPageInputSchema);
export type TFindSyncRuns = z.infer<typeof ZFindSyncRunsSchema>;
