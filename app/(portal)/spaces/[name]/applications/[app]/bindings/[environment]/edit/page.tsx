import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { BindingConfigForm } from "@/components/applications/binding-config-form";
import { ManagedObjectsTable } from "@/components/environments/managed-objects-table";
import { toConfigValues } from "@/lib/binding-configuration";
import { MAX_PAGE_SIZE } from "@/lib/validators/pagination";
import { roleAtLeast } from "@/lib/validators/space";
import { getServerApi } from "@/server/api/server";
import { loadOrNotFound } from "../../../../../../../load-or-not-found";
import { loadApplication } from "../../../application-data";

export const metadata: Metadata = { title: "Configure binding" };

export default async function ConfigureBindingPage({
  params,
  searchParams,
}: {
  params: Promise<{ name: string; app: string; environment: string }>;
  searchParams: Promise<{ from?: string | string[] }>;
}) {
  const { name, app, environment: environmentName } = await params;
  const { role } = await loadApplication(name, app);
  if (!roleAtLeast(role, "contributor")) notFound();
  const api = await getServerApi();
  const ref = { space: name, application: app };
  const [{ binding, environment, snapshot, objects }, components] = await Promise.all([
    loadOrNotFound(() => api.binding.get({ ...ref, environment: environmentName })),
    // A page holds every component an application may have (MAX_COMPONENTS).
    api.component.list({ ...ref, limit: MAX_PAGE_SIZE }),
  ]);
  // Opened from the environment's "Deployed here", the user goes back there; else to the app.
  const back =
    (await searchParams).from === "environment"
      ? `/spaces/${name}/environments/${environment.name}`
      : `/spaces/${name}/applications/${app}`;
  return (
    <div className="space-y-4">
      <div>
        <h2 className="text-lg font-semibold">
          Configure {app} in {environment.displayName}
        </h2>
        <p className="text-muted-foreground text-sm">
          Settings laid over each component&apos;s GitOps source in this environment only; it keeps
          running snapshot {snapshot.displayName} ({snapshot.name}).
        </p>
      </div>
      <BindingConfigForm
        space={name}
        application={app}
        environment={environment}
        initial={toConfigValues(components.items, binding.components)}
        back={back}
      />
      <section aria-labelledby="objects-heading" className="space-y-2">
        <h3 id="objects-heading" className="text-lg font-semibold">
          Repository Secrets in Argo CD
        </h3>
        <p className="text-muted-foreground text-sm">
          What this binding wrote for Argo CD to read its private repositories, values hidden. Its
          Applications are under Deployments.
        </p>
        <ManagedObjectsTable objects={objects} owner="binding" />
      </section>
    </div>
  );
}
