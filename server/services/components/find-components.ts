import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { components } from "@/db/schema";
import type { TPage, TPageInput } from "@/lib/validators/pagination";
import { loadApplication } from "../applications/application-row";
import type { TSpaceContext } from "../context";
import { planKeysetPage } from "../keyset";
import { componentView, type TComponentView } from "./component-row";

// By name, along component_application_name_unique (application_id, name).
const BY_NAME = {
  columns: [components.name],
  direction: "asc",
  keySchema: z.tuple([z.string().max(63)]),
} as const;

/** An application's components by name, keyset-paginated. */
export async function findComponents(
  ctx: TSpaceContext,
  input: TPageInput & { application: string },
): Promise<TPage<TComponentView>> {
  const application = await loadApplication(ctx.db, ctx.space.id, input.application);
  const plan = planKeysetPage(BY_NAME, input);
  const rows = await ctx.db
    .select()
    .from(components)
    .where(and(eq(components.applicationId, application.id), plan.where))
    .orderBy(...plan.orderBy)
    .limit(plan.limit);
  const page = plan.finish(rows, (row) => [row.name]);
  return { ...page, items: page.items.map(componentView) };
}
