import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";

// Append-only. space_id is deliberately not a foreign key: a deleted space keeps its history.
export const auditEvents = pgTable(
  "audit_event",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
    actorId: text("actor_id").references(() => users.id, { onDelete: "set null" }),
    // Kept beside actor_id so the record still reads right after the user is deleted.
    actorLabel: text("actor_label").notNull(),
    spaceId: uuid("space_id"),
    action: text("action").notNull(),
    targetType: text("target_type").notNull(),
    targetId: text("target_id").notNull(),
    before: jsonb("before"),
    after: jsonb("after"),
    requestId: text("request_id"),
  },
  // Every activity list pages by id within one filter, so each filter has an (x, id) index: a
  // quiet space's page never walks other spaces' events. actor_id's also serves ON DELETE SET NULL.
  (t) => [
    index("audit_event_space_idx").on(t.spaceId, t.id),
    index("audit_event_actor_idx").on(t.actorId, t.id),
    index("audit_event_action_idx").on(t.action, t.id),
  ],
);
