import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ComponentForm } from "@/components/applications/component-form";
import { roleAtLeast } from "@/lib/validators/space";
import { loadApplication } from "../../application-data";

export const metadata: Metadata = { title: "Add component" };

export default async function NewComponentPage({
  params,
}: {
  params: Promise<{ name: string; app: string }>;
}) {
  const { name, app } = await params;
  const { application, role } = await loadApplication(name, app);
  if (!roleAtLeast(role, "contributor")) notFound();
  return (
    <div className="space-y-4">
      <h2 className="text-lg font-semibold">Add a component to {application.displayName}</h2>
      <ComponentForm space={name} application={app} />
    </div>
  );
}
