"use client";

import { useMutation } from "@tanstack/react-query";
import { useState, type ChangeEvent, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { toast } from "@/components/ui/toast";
import { useTRPC } from "@/lib/trpc/react";
import { useRefresh } from "@/lib/trpc/use-refresh";
import { useValidatedSubmit } from "@/lib/use-validated-submit";
import { MAX_YAML_CHARACTERS, ZImportYamlSchema } from "@/lib/validators/declarative";
import { PlanErrors, PlanTable } from "./plan-table";

/**
 * Paste or upload YAML, see the plan, then apply exactly the YAML that was planned (the server
 * plans it again inside the import's transaction). Editing the YAML discards the plan.
 */
export function ImportPanel({ space }: { space: string }) {
  const trpc = useTRPC();
  const refresh = useRefresh();
  const [yaml, setYaml] = useState("");
  const [uploadError, setUploadError] = useState<string | null>(null);
  const plan = useMutation(trpc.declarative.plan.mutationOptions());
  const apply = useMutation(
    trpc.declarative.import.mutationOptions({
      onSuccess: (applied) => {
        const changed = applied.items.filter((i) => i.action !== "unchanged").length;
        toast({ title: "Imported", description: `${changed} objects created or updated.` });
        plan.reset();
        refresh();
      },
    }),
  );
  const { errors, formError, submit } = useValidatedSubmit(ZImportYamlSchema, plan);
  const applyError = useValidatedSubmit(ZImportYamlSchema, apply).formError;
  const planned = plan.data && plan.variables?.yaml === yaml ? plan.data : null;

  function onPlan(event: FormEvent) {
    event.preventDefault();
    apply.reset();
    submit({ space, yaml });
  }

  async function onUpload(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    if (!file) return;
    if (file.size > MAX_YAML_CHARACTERS) {
      setUploadError(`The file is larger than ${MAX_YAML_CHARACTERS / 1024} KiB.`);
      return;
    }
    setUploadError(null);
    setYaml(await file.text());
  }

  return (
    <form onSubmit={onPlan} noValidate className="space-y-4" aria-label="Import YAML">
      {formError ? (
        <Alert variant="destructive" title="Not planned">
          {formError}
        </Alert>
      ) : null}
      <Field
        label="YAML"
        required
        error={errors.yaml}
        description="appstudio.redhat.com/v1alpha1 documents, as an export writes them. Nothing changes until you apply."
      >
        <Textarea
          name="yaml"
          rows={14}
          value={yaml}
          className="font-mono text-xs"
          spellCheck={false}
          onChange={(e) => setYaml(e.target.value)}
        />
      </Field>
      <Field label="Or upload a file" error={uploadError}>
        <Input type="file" accept=".yaml,.yml,application/yaml,text/yaml" onChange={onUpload} />
      </Field>
      <div className="flex gap-2">
        <Button type="submit" variant="outline" disabled={plan.isPending}>
          {plan.isPending ? "Planning…" : "Show plan"}
        </Button>
        <Button
          type="button"
          disabled={!planned?.applicable || apply.isPending}
          onClick={() => apply.mutate({ space, yaml })}
        >
          {apply.isPending ? "Applying…" : "Apply"}
        </Button>
      </div>
      {applyError ? (
        <Alert variant="destructive" title="Nothing was imported">
          {applyError}
        </Alert>
      ) : null}
      {planned ? (
        <div className="space-y-4">
          {planned.errors.length > 0 ? <PlanErrors errors={planned.errors} /> : null}
          {planned.items.length > 0 ? <PlanTable plan={planned} /> : null}
          {planned.errors.length === 0 && !planned.applicable ? (
            <p className="text-muted-foreground text-sm" role="status">
              {planned.items.some((i) => i.action === "refused")
                ? "Some objects are refused; fix them to apply."
                : "Nothing to change: the space already matches the YAML."}
            </p>
          ) : null}
        </div>
      ) : null}
    </form>
  );
}
