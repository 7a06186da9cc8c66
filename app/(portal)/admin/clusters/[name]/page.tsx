import type { Metadata } from "next";
import Link from "next/link";
import { ClusterActions } from "@/components/clusters/cluster-actions";
import { ClusterStatusCard } from "@/components/clusters/cluster-status-card";
import { DeleteClusterDialog } from "@/components/clusters/delete-cluster-dialog";
import { RotateCredentialsDialog } from "@/components/clusters/rotate-credentials-dialog";
import { UserSignInCard } from "@/components/clusters/user-sign-in-card";
import { ManagedObjectsTable } from "@/components/environments/managed-objects-table";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { getServerApi } from "@/server/api/server";
import { loadAdminCluster } from "./load-admin-cluster";

type TParams = Promise<{ name: string }>;

export async function generateMetadata({ params }: { params: TParams }): Promise<Metadata> {
  return { title: `${(await params).name} · Clusters` };
}

export default async function AdminClusterPage({ params }: { params: TParams }) {
  const cluster = await loadAdminCluster(params);
  const signIn = await (await getServerApi()).clusterSignIn.get({ name: cluster.name });
  return (
    <div className="space-y-6">
      <Breadcrumbs
        items={[
          { label: "Administration" },
          { label: "Clusters", href: "/admin/clusters" },
          { label: cluster.name },
        ]}
      />
      <PageHeader
        title={cluster.displayName || cluster.name}
        description={cluster.description || undefined}
        actions={<ClusterActions cluster={cluster} />}
      />
      <ClusterStatusCard cluster={cluster} />
      <div className="flex flex-wrap gap-2">
        <Button asChild variant="outline">
          <Link href={`/admin/clusters/${cluster.name}/edit`}>Edit</Link>
        </Button>
        <RotateCredentialsDialog name={cluster.name} />
        <DeleteClusterDialog name={cluster.name} environments={cluster.usage.environments} />
      </div>
      <UserSignInCard name={cluster.name} signIn={signIn} />
      {cluster.argoCdNamespace || cluster.objects.length > 0 ? (
        <section aria-labelledby="objects-heading" className="space-y-2">
          <h2 id="objects-heading" className="text-lg font-semibold">
            Argo CD cluster Secrets
          </h2>
          <p className="text-muted-foreground text-sm">
            One per cluster whose Argo CD is this one, so it can deploy there; values hidden.
          </p>
          <ManagedObjectsTable objects={cluster.objects} owner="cluster" />
        </section>
      ) : null}
    </div>
  );
}
