import type { Metadata } from "next";
import { ApplicationTabs } from "@/components/applications/application-tabs";
import { PipelineStages } from "@/components/promotions/pipeline-stages";
import { AutoRefresh } from "@/components/ui/auto-refresh";
import { loadApplicationStages } from "../stages-data";

export async function generateMetadata({
  params,
}: {
  params: Promise<{ app: string }>;
}): Promise<Metadata> {
  return { title: `Pipeline of ${(await params).app}` };
}

export default async function PipelinePage({
  params,
}: {
  params: Promise<{ name: string; app: string }>;
}) {
  const { name, app } = await params;
  const { application, pipeline, stages, moving } = await loadApplicationStages(
    name,
    app,
    "pipeline",
  );
  return (
    <div className="space-y-6">
      {/* A promotion or a sync in progress shows up stage by stage, without a reload. */}
      <AutoRefresh active={moving} />
      <div>
        <h2 className="text-xl font-semibold">{application.displayName}</h2>
        <p className="text-muted-foreground font-mono text-sm">{application.name}</p>
      </div>
      <ApplicationTabs space={name} application={app} current="Pipeline" />
      <p className="text-muted-foreground text-sm">
        {pipeline.length > 0
          ? "Stages follow the application's pipeline environment map."
          : "Stages follow the promotion graph (the application has no pipeline environment map)."}
      </p>
      <PipelineStages space={name} stages={stages} />
    </div>
  );
}
