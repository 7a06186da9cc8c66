import { loadApplication } from "../applications/application-row";
import type { TSpaceContext } from "../context";
import { componentView, loadComponent } from "./component-row";

export async function getComponent(
  ctx: TSpaceContext,
  input: { application: string; component: string },
) {
  const application = await loadApplication(ctx.db, ctx.space.id, input.application);
  const row = await loadComponent(ctx.db, application, input.component);
  return {
    application: { name: application.name, displayName: application.displayName },
    component: componentView(row),
  };
}
