import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CreateApplicationForm } from "@/components/applications/create-application-form";
import { roleAtLeast } from "@/lib/validators/space";
import { loadSpace } from "../../space-data";

export const metadata: Metadata = { title: "Create app" };

export default async function NewApplicationPage({
  params,
}: {
  params: Promise<{ name: string }>;
}) {
  const { name } = await params;
  const { role } = await loadSpace(name);
  // Viewers cannot create; the procedure refuses them too, this only spares them the form.
  if (!roleAtLeast(role, "contributor")) notFound();
  return (
    <div className="space-y-4">
      <h2 className="text-lg font-semibold">Create app</h2>
      <p className="text-muted-foreground max-w-3xl text-sm">
        Name the application and describe its components: where each one&apos;s code lives, the
        image it runs, and the GitOps source Argo CD deploys it from. Private repositories need a{" "}
        <a className="underline" href={`/spaces/${name}/repository-credentials`}>
          repository credential
        </a>
        .
      </p>
      <CreateApplicationForm space={name} />
    </div>
  );
}
