import {
  ZAddMemberSchema,
  ZFindMembersSchema,
  ZMemberRefSchema,
  ZUpdateMemberRoleSchema,
} from "@/lib/validators/space";
import { addSpaceMember } from "@/server/services/members/add-space-member";
import { findSpaceMembers } from "@/server/services/members/find-space-members";
import { leaveSpace, removeSpaceMember } from "@/server/services/members/remove-space-member";
import { updateMemberRole } from "@/server/services/members/update-member-role";
import { createTRPCRouter, spaceProcedure } from "../trpc";

export const memberRouter = createTRPCRouter({
  list: spaceProcedure("viewer")
    .input(ZFindMembersSchema)
    .query(({ ctx, input }) => findSpaceMembers(ctx, input)),

  add: spaceProcedure("owner")
    .input(ZAddMemberSchema)
    .mutation(({ ctx, input }) => addSpaceMember(ctx, input)),

  updateRole: spaceProcedure("owner")
    .input(ZUpdateMemberRoleSchema)
    .mutation(({ ctx, input }) => updateMemberRole(ctx, input)),

  remove: spaceProcedure("owner")
    .input(ZMemberRefSchema)
    .mutation(({ ctx, input }) => removeSpaceMember(ctx, input)),

  leave: spaceProcedure("viewer").mutation(({ ctx }) => leaveSpace(ctx)),
});
