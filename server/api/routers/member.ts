import {
  ZAddMemberSchema,
  ZFindMembersSchema,
  ZMemberRefSchema,
  ZUpdateMemberRoleSchema,
} from "@/lib/validators/space";
import { addSpaceMember } from "@/server/services/members/add-space-member";
import { findSpaceMembers } from "@/server/services/members/find-space-members";
import { removeSpaceMember } from "@/server/services/members/remove-space-member";
import { updateMemberRole } from "@/server/services/members/update-member-role";
import { AppError } from "@/server/services/errors";
import { createTRPCRouter, spaceProcedure } from "../trpc";

export const memberRouter = createTRPCRouter({
  list: spaceProcedure("viewer")
    .input(ZFindMembersSchema)
    .query(({ ctx, input }) =>
      findSpaceMembers(ctx.db, ctx.space.id, input, {
        id: ctx.actor.id,
        isOwner: ctx.role === "owner",
      }),
    ),

  add: spaceProcedure("owner")
    .input(ZAddMemberSchema)
    .mutation(({ ctx, input }) => addSpaceMember(ctx, ctx.space, input)),

  updateRole: spaceProcedure("owner")
    .input(ZUpdateMemberRoleSchema)
    .mutation(({ ctx, input }) => updateMemberRole(ctx, ctx.space, input)),

  remove: spaceProcedure("owner")
    .input(ZMemberRefSchema)
    .mutation(({ ctx, input }) => removeSpaceMember(ctx, ctx.space, input.userId)),

  /** Any member may leave; an admin who is not a member has nothing to leave. */
  leave: spaceProcedure("viewer").mutation(({ ctx }) => {
    if (!ctx.isMember) throw new AppError("BAD_REQUEST", "You are not a member of this space.");
    return removeSpaceMember(ctx, ctx.space, ctx.actor.id);
  }),
});
