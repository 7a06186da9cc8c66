import type { Metadata } from "next";
import { CreateSpaceForm } from "@/components/spaces/create-space-form";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "New space" };

export default function NewSpacePage() {
  return (
    <div className="space-y-6">
      <Breadcrumbs items={[{ label: "Spaces", href: "/spaces" }, { label: "New space" }]} />
      <PageHeader
        title="Create a space"
        description="A space holds a team's environments and applications. You become its owner and can add members afterwards."
      />
      <CreateSpaceForm />
    </div>
  );
}
