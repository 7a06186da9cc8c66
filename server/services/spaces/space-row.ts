import type { spaces } from "@/db/schema";

export type TSpaceRow = typeof spaces.$inferSelect;
