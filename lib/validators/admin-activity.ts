// The admin activity list's filters, shared by the filter form (browser) and the procedure.
import { z } from "zod";
import { AUDIT_ACTIONS } from "../audit-actions";
import { ZPageInputSchema } from "./pagination";
import { ZSearchQuerySchema, ZSpaceNameSchema, ZUserIdSchema } from "./space";

/** The page's address; filters and the cursor go in its query. */
export const ADMIN_ACTIVITY_PATH = "/admin/activity";

export const ZAdminActivityFiltersSchema = z.object({
  /** The acting user's id (picked by name, username or e-mail). */
  actor: ZUserIdSchema.optional(),
  /** A space's name; a deleted space's name finds its history too. */
  space: ZSpaceNameSchema.optional(),
  action: z.enum(AUDIT_ACTIONS, { message: "Choose one of the listed actions." }).optional(),
});
export type TAdminActivityFilters = z.infer<typeof ZAdminActivityFiltersSchema>;

export const ZFindAdminActivitySchema = ZPageInputSchema.merge(ZAdminActivityFiltersSchema);
export type TFindAdminActivity = z.infer<typeof ZFindAdminActivitySchema>;

export const ZSearchUsersSchema = z.object({
  query: ZSearchQuerySchema.min(1, "Type part of a name, username or e-mail."),
});
