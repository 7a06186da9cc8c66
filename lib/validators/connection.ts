// A person's own connection to a cluster (issue 9).
import { z } from "zod";
import { ZClusterNameSchema } from "./cluster";
import { ZPageInputSchema } from "./pagination";
import { ZSpaceRefSchema } from "./space";

export const ZConnectionRefSchema = z.object({ cluster: ZClusterNameSchema });
export type TConnectionRef = z.infer<typeof ZConnectionRefSchema>;

/** connection.health: the person's credential health for each environment of a space, by page. */
export const ZConnectionHealthSchema = ZSpaceRefSchema.merge(ZPageInputSchema);
export type TConnectionHealth = z.infer<typeof ZConnectionHealthSchema>;
