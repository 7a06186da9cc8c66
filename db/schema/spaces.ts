import { index, pgEnum, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";

export const spaceRole = pgEnum("space_role", ["owner", "contributor", "viewer"]);

export const spaces = pgTable(
  "space",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    // DNS-1123 label: it becomes part of namespace names once environments exist.
    name: text("name").notNull().unique(),
    displayName: text("display_name").notNull(),
    description: text("description").notNull().default(""),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
  },
  // created_by is indexed for ON DELETE SET NULL when a user is deleted.
  (t) => [index("space_created_by_idx").on(t.createdBy)],
);

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
    addedAt: timestamp("added_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.spaceId, t.userId] }),
    index("space_member_user_idx").on(t.userId),
  ],
);
