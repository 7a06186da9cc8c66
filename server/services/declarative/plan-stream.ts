import { planApplications } from "./kinds/application";
import { planComponents } from "./kinds/component";
import { planClaims } from "./kinds/deployment-target-claim";
import { planEnvironments } from "./kinds/environment";
import type { TPlanContext } from "./kinds/kind-context";
import { planPromotionRuns } from "./kinds/promotion-run";
import { planSnapshots } from "./kinds/snapshot";
import { planBindings } from "./kinds/snapshot-environment-binding";
import type { TDocumentError, TPlan } from "./plan-types";
import type { TParsedStream } from "./read-stream";
import type { TSpaceState } from "./space-state";

/** The plan for a stream against the space as it is: what each document would do, or why not. */
export function planStream(
  state: TSpaceState,
  stream: TParsedStream,
  readErrors: TDocumentError[],
): TPlan {
  const errors = [...readErrors];
  const described = new Map<number, { kind: string; name: string }>();
  for (const [kind, entries] of Object.entries(stream)) {
    for (const { index, doc } of entries) described.set(index, { kind, name: doc.metadata.name });
  }
  const context: TPlanContext = {
    state,
    stream,
    error: (index, path, message) =>
      errors.push({
        index,
        kind: described.get(index)?.kind ?? null,
        name: described.get(index)?.name ?? null,
        path,
        message,
      }),
  };
  const items = [
    ...planClaims(context),
    ...planEnvironments(context),
    ...planApplications(context),
    ...planComponents(context),
    ...planSnapshots(context),
    ...planBindings(context),
    ...planPromotionRuns(context),
  ].sort((x, y) => x.index - y.index);
  errors.sort((x, y) => x.index - y.index);
  return {
    items,
    errors,
    applicable:
      errors.length === 0 &&
      items.every((item) => item.action !== "refused") &&
      items.some((item) => item.action === "create" || item.action === "update"),
  };
}
