// DeploymentTargetClaim: a space's request for a target of a class. Only the class is declared;
// Slipway binds the claim itself, so upstream's spec.targetName is not exported and is ignored.
import { z } from "zod";
import { dnsLabel } from "@/lib/validators/dns-label";
import { createClaim } from "../../deployment-targets/create-claim";
import { API_VERSION, documentSchema, labelMetadata, type TDocument } from "../document";
import { planItem, type TPlanItem } from "../plan-types";
import type { TSpaceState } from "../space-state";
import { changing, eachChange, type TApplyContext, type TPlanContext } from "./kind-context";

export const ZClaimDocumentSchema = documentSchema(
  "DeploymentTargetClaim",
  z.object({
    deploymentTargetClassName: dnsLabel("Class name"),
    targetName: z.string().optional(),
  }),
  labelMetadata(dnsLabel("Name"), {}),
);
type TClaimDocument = z.infer<typeof ZClaimDocumentSchema>;

export const claimIdentity = (doc: TClaimDocument) => doc.metadata.name;

export function claimDocuments(state: TSpaceState): TDocument[] {
  return state.claims.map((claim) => ({
    apiVersion: API_VERSION,
    kind: "DeploymentTargetClaim",
    metadata: { name: claim.name },
    spec: { deploymentTargetClassName: claim.className },
    status: { phase: claim.phase },
  }));
}

export function planClaims({ state, stream, error }: TPlanContext): TPlanItem[] {
  return stream.DeploymentTargetClaim.flatMap(({ index, doc }) => {
    const className = doc.spec.deploymentTargetClassName;
    if (!state.classIds.has(className)) {
      error(index, "spec.deploymentTargetClassName", `No deployment target class "${className}".`);
      return [];
    }
    const existing = state.claims.find((c) => c.name === doc.metadata.name);
    const notes =
      doc.spec.targetName === undefined
        ? []
        : ["spec.targetName is ignored: Slipway binds the claim to a target of its class."];
    return [
      planItem(
        { index, kind: "DeploymentTargetClaim", name: doc.metadata.name, notes },
        existing ? { deploymentTargetClassName: existing.className } : null,
        { deploymentTargetClassName: className },
        {
          fields: ["deploymentTargetClassName"],
          reason: "A claim's class never changes: delete the claim and create another.",
        },
      ),
    ];
  });
}

export async function applyClaims(apply: TApplyContext): Promise<void> {
  await eachChange(changing(apply.stream.DeploymentTargetClaim, apply.items), async ({ entry }) => {
    const classId = apply.state.classIds.get(entry.doc.spec.deploymentTargetClassName);
    if (!classId) throw new Error("planned claim lost its class");
    const claim = await createClaim(apply.ctx, { name: entry.doc.metadata.name, classId });
    apply.claimIds.set(claim.name, claim.id);
  });
}
