import { ZFindAdminActivitySchema, ZSearchUsersSchema } from "@/lib/validators/admin-activity";
import { findAdminActivity } from "@/server/services/admin/find-admin-activity";
import { searchUsers } from "@/server/services/admin/search-users";
import { adminProcedure, createTRPCRouter } from "../trpc";

export const adminRouter = createTRPCRouter({
  activity: adminProcedure
    .input(ZFindAdminActivitySchema)
    .query(({ ctx, input }) => findAdminActivity(ctx, input)),

  searchUsers: adminProcedure
    .input(ZSearchUsersSchema)
    .query(({ ctx, input }) => searchUsers(ctx, input)),
});
