// Seeds the benchmark's data set with set-based inserts (generate_series), so it takes seconds:
// users, spaces with 1–5 members each, and audit events shaped like a real platform's — a few busy
// spaces with most events, many quiet ones with a handful, and platform-wide events.
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";

export const SEED = {
  users: 2_000,
  spaces: 10_000,
  busySpaces: 3,
  events: 105_000,
  /** The member the member-side cases run as: in every 2nd space besides the random members. */
  member: "u0",
  admin: "admin",
} as const;

/** Names sort in creation order: space-00001 … space-10000. */
export const spaceName = (n: number) => `space-${String(n).padStart(5, "0")}`;

export async function seed(db: Db): Promise<void> {
  await db.execute(sql`
    insert into "user" (id, name, email, username, is_admin)
    select 'u' || g, 'User ' || g, 'user' || g || '@example.com', 'user' || g, false
    from generate_series(0, ${SEED.users}) g
    union all select ${SEED.admin}, 'Admin', 'admin@example.com', 'admin', true`);
  await db.execute(sql`
    insert into space (id, name, display_name, description, created_by)
    select md5('space' || g)::uuid, 'space-' || lpad(g::text, 5, '0'), 'Team ' || g || ' services',
           '', 'u' || (g % ${SEED.users} + 1)
    from generate_series(1, ${SEED.spaces}) g`);
  // 1–5 members per space among users u1…u2000: k*401 mod 2000 differs for k < 5, so no repeats.
  await db.execute(sql`
    insert into space_member (space_id, user_id, role)
    select md5('space' || g)::uuid, 'u' || ((g * 37 + k * 401) % ${SEED.users} + 1),
           (case when k = 0 then 'owner' else 'viewer' end)::space_role
    from generate_series(1, ${SEED.spaces}) g, generate_series(0, 4) k
    where k <= g % 5`);
  await db.execute(sql`
    insert into space_member (space_id, user_id, role)
    select md5('space' || g)::uuid, ${SEED.member}, 'contributor'
    from generate_series(2, ${SEED.spaces}, 2) g`);
  // Of every 21 events: 1 platform-wide, 12 in a busy space (spaces 1–3), 8 in a quiet one, so
  // busy spaces hold 60,000, the 10,000 quiet ones about 4 each, and 5,000 are platform-wide.
  await db.execute(sql`
    insert into audit_event (at, actor_id, actor_label, space_id, action, target_type, target_id, after)
    select now() - (${SEED.events} - g) * interval '1 second',
           'u' || (g * 13 % ${SEED.users} + 1), 'user' || (g * 13 % ${SEED.users} + 1),
           case when g % 21 = 0 then null
                when g % 21 <= 12 then md5('space' || (g % ${SEED.busySpaces} + 1))::uuid
                else md5('space' || (g * 7 % ${SEED.spaces} + 1))::uuid end,
           case when g % 21 = 0 then (array['user.admin-grant', 'user.admin-revoke'])[g % 2 + 1]
                else (array['space.update', 'member.add', 'member.update-role', 'member.remove'])[g % 4 + 1] end,
           case when g % 21 = 0 then 'user' else 'space' end,
           'target-' || g,
           jsonb_build_object('displayName', 'Team ' || g)
    from generate_series(1, ${SEED.events}) g`);
  await db.execute(sql`analyze`);
}
