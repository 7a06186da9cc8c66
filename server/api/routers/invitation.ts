import {
  ZCreateInvitationSchema,
  ZFindMyInvitationsSchema,
  ZFindSpaceInvitationsSchema,
  ZRespondToInvitationSchema,
  ZSpaceInvitationRefSchema,
} from "@/lib/validators/invitation";
import { createInvitation } from "@/server/services/invitations/create-invitation";
import {
  countMyInvitations,
  findMyInvitations,
} from "@/server/services/invitations/find-my-invitations";
import { findSpaceInvitations } from "@/server/services/invitations/find-space-invitations";
import {
  acceptInvitation,
  declineInvitation,
} from "@/server/services/invitations/respond-to-invitation";
import { revokeInvitation } from "@/server/services/invitations/revoke-invitation";
import { createTRPCRouter, protectedProcedure, spaceProcedure } from "../trpc";

export const invitationRouter = createTRPCRouter({
  // A space's invitations: owners only, since they are a list of e-mail addresses.
  create: spaceProcedure("owner")
    .input(ZCreateInvitationSchema)
    .mutation(({ ctx, input }) => createInvitation(ctx, input)),

  list: spaceProcedure("owner")
    .input(ZFindSpaceInvitationsSchema)
    .query(({ ctx, input }) => findSpaceInvitations(ctx, input)),

  revoke: spaceProcedure("owner")
    .input(ZSpaceInvitationRefSchema)
    .mutation(({ ctx, input }) => revokeInvitation(ctx, input)),

  // The signed-in person's own invitations, matched on their verified e-mail address.
  mine: protectedProcedure
    .input(ZFindMyInvitationsSchema)
    .query(({ ctx, input }) => findMyInvitations(ctx, input)),

  mineCount: protectedProcedure.query(({ ctx }) => countMyInvitations(ctx)),

  accept: protectedProcedure
    .input(ZRespondToInvitationSchema)
    .mutation(({ ctx, input }) => acceptInvitation(ctx, input)),

  decline: protectedProcedure
    .input(ZRespondToInvitationSchema)
    .mutation(({ ctx, input }) => declineInvitation(ctx, input)),
});
