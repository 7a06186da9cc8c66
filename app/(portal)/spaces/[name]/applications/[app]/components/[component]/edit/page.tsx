import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ComponentForm } from "@/components/applications/component-form";
import { roleAtLeast } from "@/lib/validators/space";
import { getServerApi } from "@/server/api/server";
import { loadOrNotFound } from "../../../../../../../load-or-not-found";
import { loadApplication } from "../../../application-data";

export const metadata: Metadata = { title: "Edit component" };

export default async function EditComponentPage({
  params,
}: {
  params: Promise<{ name: string; app: string; component: string }>;
}) {
  const { name, app, component: componentName } = await params;
  const { role } = await loadApplication(name, app);
  if (!roleAtLeast(role, "contributor")) notFound();
  const api = await getServerApi();
  const { component } = await loadOrNotFound(() =>
    api.component.get({ space: name, application: app, component: componentName }),
  );
  return (
    <div className="space-y-4">
      <h2 className="text-lg font-semibold">Edit {component.displayName}</h2>
      <ComponentForm
        space={name}
        application={app}
        initial={{
          name: component.name,
          displayName: component.displayName,
          sourceUrl: component.sourceUrl,
          containerImage: component.containerImage,
          gitopsSource: component.gitopsSource,
        }}
      />
    </div>
  );
}
