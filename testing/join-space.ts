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

/**
 * A fresh space `name` owned by `owner` with `contributor` joined by invitation, and a caller for
 * each: the set-up of tests where a contributor acts and an owner deletes.
 */
export async function spaceWithContributor(
  db: Db,
  owner: TTestUser,
  contributor: TTestUser,
  name: string,
) {
  const space = await callerFor(db, owner).space.create({ name, displayName: name });
  await joinByInvitation(db, owner, space.name, contributor, "contributor");
  return { ...space, api: callerFor(db, contributor), ownerApi: callerFor(db, owner) };
}
