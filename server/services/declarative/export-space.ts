import { stringify } from "yaml";
import type { TSpaceContext } from "../context";
import { applicationDocuments } from "./kinds/application";
import { componentDocuments } from "./kinds/component";
import { claimDocuments } from "./kinds/deployment-target-claim";
import { environmentDocuments } from "./kinds/environment";
import { promotionRunDocuments } from "./kinds/promotion-run";
import { snapshotDocuments } from "./kinds/snapshot";
import { bindingDocuments } from "./kinds/snapshot-environment-binding";
import { loadSpaceState } from "./space-state";

/**
 * declarative.export: the space's claims, environments, applications, components, snapshots,
 * bindings and promotion runs as one multi-document YAML stream, references before what refers to them. Secrets
 * (repository and cluster credentials) are never in it.
 */
export async function exportSpace(
  ctx: TSpaceContext,
): Promise<{ yaml: string; documents: number }> {
  const state = await loadSpaceState(ctx.db, ctx.space.id);
  const documents = [
    ...claimDocuments(state),
    ...environmentDocuments(state),
    ...applicationDocuments(state),
    ...componentDocuments(state),
    ...snapshotDocuments(state),
    ...bindingDocuments(state),
    ...promotionRunDocuments(state),
  ];
  const yaml = documents.map((doc) => stringify(doc, { lineWidth: 0 })).join("---\n");
  return { yaml, documents: documents.length };
}
