import type { Metadata } from "next";
import { EditClusterForm } from "@/components/clusters/edit-cluster-form";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { PageHeader } from "@/components/ui/page-header";
import { loadAdminCluster } from "../load-admin-cluster";

type TParams = Promise<{ name: string }>;

export async function generateMetadata({ params }: { params: TParams }): Promise<Metadata> {
  return { title: `Edit ${(await params).name} · Clusters` };
}

export default async function EditClusterPage({ params }: { params: TParams }) {
  const cluster = await loadAdminCluster(params);
  return (
    <div className="space-y-6">
      <Breadcrumbs
        items={[
          { label: "Administration" },
          { label: "Clusters", href: "/admin/clusters" },
          { label: cluster.name, href: `/admin/clusters/${cluster.name}` },
          { label: "Edit" },
        ]}
      />
      <PageHeader title={`Edit ${cluster.name}`} description="Saving checks the cluster again." />
      <EditClusterForm cluster={cluster} />
    </div>
  );
}
