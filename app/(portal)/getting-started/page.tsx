import type { Metadata } from "next";
import { GettingStartedChecklist } from "@/components/getting-started/checklist";
import { PageHeader } from "@/components/ui/page-header";
import { getServerApi } from "@/server/api/server";

export const metadata: Metadata = { title: "Getting started" };

export default async function GettingStartedPage() {
  const api = await getServerApi();
  const [{ steps }, viewer] = await Promise.all([api.gettingStarted.get(), api.viewer.get()]);
  const done = steps.filter((s) => s.state === "done").length;
  const available = steps.filter((s) => s.state !== "coming").length;
  return (
    <div className="space-y-6">
      <PageHeader
        title={`Welcome to Slipway${viewer.label ? `, ${viewer.label}` : ""}`}
        description={`Your path from an empty portal to a first deployment. ${done} of ${available} available steps done.`}
      />
      <GettingStartedChecklist steps={steps} />
    </div>
  );
}
