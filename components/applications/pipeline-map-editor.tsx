"use client";

import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { toast } from "@/components/ui/toast";
import { useTRPC } from "@/lib/trpc/react";
import { useRefresh } from "@/lib/trpc/use-refresh";
import { useValidatedSubmit } from "@/lib/use-validated-submit";
import {
  MAX_PIPELINE_STAGES,
  ZSetPipelineMapSchema,
  type TPipelineStage,
} from "@/lib/validators/application";

type TEnvironmentChoice = { name: string; displayName: string };

/**
 * Pipeline stage names (as a pipeline calls them: test, stage, run…) → environments of the space,
 * in pipeline order. Saving replaces the whole map.
 */
export function PipelineMapEditor({
  space,
  application,
  stages: saved,
  environments,
}: {
  space: string;
  application: string;
  stages: TPipelineStage[];
  environments: TEnvironmentChoice[];
}) {
  const trpc = useTRPC();
  const refresh = useRefresh();
  const [stages, setStages] = useState<TPipelineStage[]>(saved);
  const save = useMutation(
    trpc.application.setPipelineMap.mutationOptions({
      onSuccess: () => {
        toast({ title: "Pipeline map saved" });
        refresh();
      },
    }),
  );
  const { errors, formError, submit } = useValidatedSubmit(ZSetPipelineMapSchema, save);
  const set = (index: number, change: Partial<TPipelineStage>) =>
    setStages(stages.map((s, i) => (i === index ? { ...s, ...change } : s)));

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    submit({ space, application, stages });
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3" aria-label="Pipeline map">
      {formError ? (
        <Alert variant="destructive" title="Not saved">
          {formError}
        </Alert>
      ) : null}
      {stages.length === 0 ? <p className="text-muted-foreground text-sm">No stages yet.</p> : null}
      <ol className="space-y-2">
        {stages.map((stage, index) => {
          const message =
            errors[`stages.${index}.name`]?.[0] ?? errors[`stages.${index}.environment`]?.[0];
          return (
            <li key={index} className="space-y-1">
              <div className="flex flex-wrap items-center gap-2">
                <Input
                  aria-label={`Stage ${index + 1} name`}
                  aria-invalid={errors[`stages.${index}.name`] ? true : undefined}
                  value={stage.name}
                  placeholder="test"
                  className="w-40 font-mono"
                  onChange={(e) => set(index, { name: e.target.value })}
                />
                <span aria-hidden="true">→</span>
                <NativeSelect
                  aria-label={`Stage ${index + 1} environment`}
                  aria-invalid={errors[`stages.${index}.environment`] ? true : undefined}
                  value={stage.environment}
                  className="w-56"
                  onChange={(e) => set(index, { environment: e.target.value })}
                >
                  <option value="">Choose an environment…</option>
                  {environments.map((env) => (
                    <option key={env.name} value={env.name}>
                      {env.displayName} ({env.name})
                    </option>
                  ))}
                </NativeSelect>
                <Button
                  type="button"
                  variant="ghost"
                  size="sm"
                  onClick={() => setStages(stages.filter((_, i) => i !== index))}
                >
                  Remove
                </Button>
              </div>
              {message ? (
                <p role="alert" className="text-destructive text-sm">
                  {message}
                </p>
              ) : null}
            </li>
          );
        })}
      </ol>
      {errors.stages ? <p className="text-destructive text-sm">{errors.stages[0]}</p> : null}
      <div className="flex gap-2">
        {stages.length < MAX_PIPELINE_STAGES ? (
          <Button
            type="button"
            variant="outline"
            size="sm"
            onClick={() => setStages([...stages, { name: "", environment: "" }])}
          >
            Add stage
          </Button>
        ) : null}
        <Button type="submit" size="sm" disabled={save.isPending}>
          {save.isPending ? "Saving…" : "Save pipeline map"}
        </Button>
      </div>
    </form>
  );
}
