import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { EditEnvironmentForm } from "@/components/environments/edit-environment-form";
import { roleAtLeast } from "@/lib/validators/space";
import { getServerApi } from "@/server/api/server";
import { loadEnvironment } from "../environment-data";

export const metadata: Metadata = { title: "Edit environment" };

export default async function EditEnvironmentPage({
  params,
}: {
  params: Promise<{ name: string; env: string }>;
}) {
  const { name, env: envName } = await params;
  const detail = await loadEnvironment(name, envName);
  if (!roleAtLeast(detail.role, "contributor")) notFound();
  const api = await getServerApi();
  const [placements, graph] = await Promise.all([
    api.environment.placements({ space: name }),
    api.environment.graph({ space: name }),
  ]);
  const cluster = placements.clusters.find((c) => c.id === detail.environment.clusterId);
  return (
    <div className="space-y-4">
      <h2 className="text-lg font-semibold">Edit {detail.environment.displayName}</h2>
      <EditEnvironmentForm
        space={name}
        environment={detail.environment}
        ceilings={cluster?.quotaCeilings ?? {}}
        environments={graph.nodes.filter((n) => !n.deletionRequestedAt)}
      />
    </div>
  );
}
