import { sql } from "drizzle-orm";
import { index, pgEnum, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { createdBy } from "./columns";

export const spaceRole = pgEnum("space_role", ["owner", "contributor", "viewer"]);

export const spaces = pgTable(
  "space",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    // DNS-1123 label: it becomes part of namespace names once environments exist.
    name: text("name").notNull().unique(),
    displayName: text("display_name").notNull(),
    description: text("description").notNull().default(""),
    createdBy: createdBy(),
    createdAt: timestamp("created_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // created_by is indexed for ON DELETE SET NULL when a user is deleted.
    index("space_created_by_idx").on(t.createdBy),
    // Substring search over name and display name (pg_trgm; ILIKE '%…%' can use it).
    index("space_search_trgm_idx").using(
      "gin",
      sql`(${t.name} || ' ' || ${t.displayName}) gin_trgm_ops`,
    ),
  ],
);

/** The expression the trigram index covers; a search must use exactly this to be indexed. */
export const spaceSearchText = sql<string>`(${spaces.name} || ' ' || ${spaces.displayName})`;

export const spaceMembers = pgTable(
  "space_member",
  {
    spaceId: uuid("space_id")
      .notNull()
      .references(() => spaces.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: spaceRole("role").notNull(),
    // Millisecond precision: the member list pages by (added_at, user_id), and a page cursor
    // carries the time through a JavaScript Date.
    addedAt: timestamp("added_at", { mode: "date", withTimezone: true, precision: 3 })
      .notNull()
      .defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.spaceId, t.userId] }),
    index("space_member_user_idx").on(t.userId),
    index("space_member_list_idx").on(t.spaceId, t.addedAt, t.userId),
  ],
);
