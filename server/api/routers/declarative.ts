// The seed's declarative API both ways: viewers export a space as appstudio.redhat.com/v1alpha1
// YAML; contributors plan an import (nothing written) and apply it (planned again, one
// transaction).
import { ZExportSpaceSchema, ZImportYamlSchema } from "@/lib/validators/declarative";
import { applyImport } from "@/server/services/declarative/apply-import";
import { exportSpace } from "@/server/services/declarative/export-space";
import { planImport } from "@/server/services/declarative/plan-import";
import { createTRPCRouter, spaceProcedure } from "../trpc";

export const declarativeRouter = createTRPCRouter({
  export: spaceProcedure("viewer")
    .input(ZExportSpaceSchema)
    .query(({ ctx }) => exportSpace(ctx)),

  // A mutation only because the YAML is too large for a query's URL; it writes nothing.
  plan: spaceProcedure("contributor")
    .input(ZImportYamlSchema)
    .mutation(({ ctx, input }) => planImport(ctx, input)),

  // Upstream would say "apply"; tRPC reserves that word (Function.prototype.apply).
  import: spaceProcedure("contributor")
    .input(ZImportYamlSchema)
    .mutation(({ ctx, input }) => applyImport(ctx, input)),
});
