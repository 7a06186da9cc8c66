// Invitation input schemas, shared by the tRPC procedures (server) and the invite form (browser).
import { z } from "zod";
import { ZPageInputSchema } from "./pagination";
import { ZSpaceRefSchema, ZSpaceRoleSchema } from "./space";
import { singleLineText } from "./text";

/** How long an invitation can be accepted. */
export const INVITATION_LIFETIME_DAYS = 7;

// 254 characters is the longest address SMTP can carry (RFC 5321's path limit minus the brackets).
export const ZInvitationEmailSchema = singleLineText("Email")
  .trim()
  .min(1, "Enter an email address.")
  .max(254, "An email address has at most 254 characters.")
  .pipe(z.email("Enter a valid email address, like name@example.com."))
  // Stored and matched lower-cased: the sign-in code stores addresses as providers send them.
  .transform((email) => email.toLowerCase());

export const ZCreateInvitationSchema = ZSpaceRefSchema.extend({
  email: ZInvitationEmailSchema,
  role: ZSpaceRoleSchema,
});
export type TCreateInvitation = z.infer<typeof ZCreateInvitationSchema>;

export const ZInvitationIdSchema = z.uuid("This invitation link is not valid.");

export const ZSpaceInvitationRefSchema = ZSpaceRefSchema.extend({
  invitationId: ZInvitationIdSchema,
});

export const ZFindSpaceInvitationsSchema = ZSpaceRefSchema.merge(ZPageInputSchema);

export const ZFindMyInvitationsSchema = ZPageInputSchema;

export const ZRespondToInvitationSchema = z.object({ invitationId: ZInvitationIdSchema });
