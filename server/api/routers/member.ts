import {
  ZFindMembersSchema,
  ZMemberRefSchema,
  ZUpdateMemberRoleSchema,
} from "@/lib/validators/space";
import { findSpaceMembers } from "@/server/services/members/find-space-members";
import { leaveSpace, removeSpaceMember } from "@/server/services/members/remove-space-member";
import { updateMemberRole } from "@/server/services/members/update-member-role";
import { createTRPCRouter, spaceProcedure } from "../trpc";

export const memberRouter = createTRPCRouter({
  list: spaceProcedure("viewer")
    .input(ZFindMembersSchema)
    .query(({ ctx, input }) => findSpaceMembers(ctx, input)),

  updateRole: spaceProcedure("owner")
    .input(ZUpdateMemberRoleSchema)
    .mutation(({ ctx, input }) => updateMemberRole(ctx, input)),

  remove: spaceProcedure("owner")
    .input(ZMemberRefSchema)
    .mutation(({ ctx, input }) => removeSpaceMember(ctx, input)),

  leave: spaceProcedure("viewer").mutation(({ ctx }) => leaveSpace(ctx)),
});
