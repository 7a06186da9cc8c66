import { asc, count, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { spaceMembers, users } from "@/db/schema";
import { pageOffset, toPage, type TPage, type TPageInput } from "@/lib/validators/pagination";
import type { TSpaceRole } from "@/lib/validators/space";

export interface TSpaceMemberView {
  userId: string;
  name: string | null;
  email: string | null;
  username: string | null;
  image: string | null;
  role: TSpaceRole;
  addedAt: Date;
}

/**
 * Emails are shown to owners (who add people by email) and to each member for their own row;
 * otherwise joining a space would reveal everyone's address.
 */
export async function findSpaceMembers(
  db: Db,
  spaceId: string,
  input: TPageInput,
  viewer: { id: string; isOwner: boolean },
): Promise<TPage<TSpaceMemberView>> {
  const where = eq(spaceMembers.spaceId, spaceId);
  const [items, [totals]] = await Promise.all([
    db
      .select({
        userId: users.id,
        name: users.name,
        email: users.email,
        username: users.username,
        image: users.image,
        role: spaceMembers.role,
        addedAt: spaceMembers.addedAt,
      })
      .from(spaceMembers)
      .innerJoin(users, eq(users.id, spaceMembers.userId))
      .where(where)
      .orderBy(asc(spaceMembers.addedAt), asc(users.id))
      .limit(input.pageSize)
      .offset(pageOffset(input)),
    db.select({ total: count() }).from(spaceMembers).where(where),
  ]);
  const visible = items.map((member) =>
    viewer.isOwner || member.userId === viewer.id ? member : { ...member, email: null },
  );
  return toPage(visible, Number(totals?.total ?? 0), input);
}
