import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { RegisterClusterForm } from "@/components/clusters/register-cluster-form";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { PageHeader } from "@/components/ui/page-header";
import { getServerApi } from "@/server/api/server";

export const metadata: Metadata = { title: "Register cluster · Administration" };

export default async function RegisterClusterPage() {
  const api = await getServerApi();
  if (!(await api.viewer.get()).isAdmin) notFound();
  return (
    <div className="space-y-6">
      <Breadcrumbs
        items={[
          { label: "Administration" },
          { label: "Clusters", href: "/admin/clusters" },
          { label: "Register" },
        ]}
      />
      <PageHeader
        title="Register a cluster"
        description="Slipway checks the connection and the permissions environments need as soon as you save. Credentials are encrypted and never shown again."
      />
      <RegisterClusterForm />
    </div>
  );
}
