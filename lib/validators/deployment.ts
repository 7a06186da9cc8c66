// GitOps deployment queries: the Argo CD Applications a space's bindings deployed, narrowed to an
// application (its page) or an environment (its page).
import { type z } from "zod";
import { ZApplicationNameSchema } from "./application";
import { ZEnvironmentNameSchema } from "./environment";
import { ZPageInputSchema } from "./pagination";
import { ZSpaceRefSchema } from "./space";

export const ZFindDeploymentsSchema = ZSpaceRefSchema.merge(ZPageInputSchema).extend({
  application: ZApplicationNameSchema.optional(),
  environment: ZEnvironmentNameSchema.optional(),
});
export type TFindDeployments = z.infer<typeof ZFindDeploymentsSchema>;
