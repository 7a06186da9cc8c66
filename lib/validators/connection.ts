// A person's own connection to a cluster (issue 9).
import { z } from "zod";
import { ZClusterNameSchema } from "./cluster";

export const ZConnectionRefSchema = z.object({ cluster: ZClusterNameSchema });
export type TConnectionRef = z.infer<typeof ZConnectionRefSchema>;
