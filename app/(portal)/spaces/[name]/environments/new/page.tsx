import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CreateEnvironmentForm } from "@/components/environments/create-environment-form";
import { roleAtLeast } from "@/lib/validators/space";
import { getServerApi } from "@/server/api/server";
import { loadSpace } from "../../space-data";

export const metadata: Metadata = { title: "New environment" };

export default async function NewEnvironmentPage({
  params,
}: {
  params: Promise<{ name: string }>;
}) {
  const { name } = await params;
  const { role } = await loadSpace(name);
  // Viewers cannot create; the procedure refuses them too, this only spares them the form.
  if (!roleAtLeast(role, "contributor")) notFound();
  const api = await getServerApi();
  const [placements, graph] = await Promise.all([
    api.environment.placements({ space: name }),
    api.environment.graph({ space: name }),
  ]);
  return (
    <div className="space-y-4">
      <h2 className="text-lg font-semibold">New environment</h2>
      {placements.clusters.length === 0 && placements.claims.length === 0 ? (
        <p className="text-muted-foreground text-sm">
          No cluster is registered yet. An administrator registers clusters under Administration →
          Clusters.
        </p>
      ) : null}
      <CreateEnvironmentForm
        space={name}
        placements={placements}
        environments={graph.nodes.filter((n) => !n.deletionRequestedAt)}
      />
    </div>
  );
}
