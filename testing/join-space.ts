// Makes a user a member the only way the app offers: an owner (or admin) invites their e-mail
// address and they accept. Tests that need members for something else use this for set-up.
import type { Db } from "../db/client";
import type { TSpaceRole } from "../lib/validators/space";
import type { TActor } from "../server/services/context";
import { callerFor, type TTestUser } from "./callers";

export async function joinByInvitation(
  db: Db,
  inviter: TActor,
  space: string,
  user: TTestUser,
  role: TSpaceRole,
): Promise<void> {
  const invitation = await callerFor(db, inviter).invitation.create({
    space,
    email: user.email,
    role,
  });
  await callerFor(db, user).invitation.accept({ invitationId: invitation.id });
}
