"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { toast } from "@/components/ui/toast";
import { formErrorsOf } from "@/lib/trpc/errors";
import { useTRPC } from "@/lib/trpc/react";
import type { RouterOutputs } from "@/lib/trpc/types";
import { useRefresh } from "@/lib/trpc/use-refresh";
import { validateForm, type TFieldMessages } from "@/lib/validate-form";
import { ZUpdateClusterSchema } from "@/lib/validators/cluster";
import { ClusterSettingsFields } from "./cluster-settings-fields";
import { HubClusterField } from "./hub-cluster-field";
import { settingsInputOf, settingsValuesOf } from "./cluster-settings-values";

export function EditClusterForm({ cluster }: { cluster: RouterOutputs["cluster"]["get"] }) {
  const trpc = useTRPC();
  const router = useRouter();
  const refresh = useRefresh();
  const [settings, setSettings] = useState(() => settingsValuesOf(cluster));
  const [hubCluster, setHubCluster] = useState(cluster.hubCluster);
  const [clientErrors, setClientErrors] = useState<TFieldMessages>({});
  const { input, remap } = settingsInputOf(settings, cluster.labels);
  const update = useMutation(
    trpc.cluster.update.mutationOptions({
      onSuccess: () => {
        toast({ title: "Cluster saved", description: `${cluster.name} was checked again.` });
        router.push(`/admin/clusters/${cluster.name}`);
        refresh();
      },
    }),
  );
  const server = formErrorsOf(update.error);
  const errors = { ...remap(server.fields), ...clientErrors };

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const result = validateForm(ZUpdateClusterSchema, { ...input, hubCluster, name: cluster.name });
    if (!result.ok) {
      setClientErrors(remap(result.fields));
      return;
    }
    setClientErrors({});
    update.mutate(result.data);
  }

  return (
    <form onSubmit={onSubmit} noValidate className="max-w-2xl space-y-5" aria-label="Edit cluster">
      {server.form ? (
        <Alert variant="destructive" title="The cluster was not saved">
          {server.form}
        </Alert>
      ) : null}
      <ClusterSettingsFields
        values={settings}
        onChange={setSettings}
        errors={errors}
        showConnection
      />
      <HubClusterField
        value={hubCluster}
        choices={cluster.hubChoices}
        error={errors.hubCluster}
        onChange={setHubCluster}
      />
      <div className="flex gap-3">
        <Button type="submit" disabled={update.isPending}>
          {update.isPending ? "Saving…" : "Save"}
        </Button>
        <Button type="button" variant="ghost" onClick={() => router.back()}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
