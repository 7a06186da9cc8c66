import type { Metadata } from "next";
import { ExportPanel } from "@/components/declarative/export-panel";
import { ImportPanel } from "@/components/declarative/import-panel";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { roleAtLeast } from "@/lib/validators/space";
import { getServerApi } from "@/server/api/server";
import { loadSpace } from "../space-data";

export const metadata: Metadata = { title: "YAML" };

export default async function DeclarativePage({ params }: { params: Promise<{ name: string }> }) {
  const { name } = await params;
  const { role } = await loadSpace(name);
  const api = await getServerApi();
  const exported = await api.declarative.export({ space: name });
  return (
    <div className="space-y-6">
      <Card>
        <CardHeader>
          <CardTitle>Export</CardTitle>
          <CardDescription>
            The space&apos;s claims, environments, applications, components, snapshots and bindings
            as appstudio.redhat.com/v1alpha1 YAML. Repository and cluster credentials are never
            included: a component names its repository&apos;s credential, which the space you import
            into needs its own of.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <ExportPanel space={name} yaml={exported.yaml} documents={exported.documents} />
        </CardContent>
      </Card>
      {roleAtLeast(role, "contributor") ? (
        <Card>
          <CardHeader>
            <CardTitle>Import</CardTitle>
            <CardDescription>
              Creates and updates what the YAML declares; it deletes nothing. The plan shows every
              change first; applying is all or nothing.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <ImportPanel space={name} />
          </CardContent>
        </Card>
      ) : null}
    </div>
  );
}
