"use client";

import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { NativeSelect } from "@/components/ui/native-select";
import { Textarea } from "@/components/ui/textarea";
import { toast } from "@/components/ui/toast";
import { useTRPC } from "@/lib/trpc/react";
import type { RouterOutputs } from "@/lib/trpc/types";
import { useRefresh } from "@/lib/trpc/use-refresh";
import { useValidatedSubmit } from "@/lib/use-validated-submit";
import { ZCreateTargetClassSchema, type TQuotaInput } from "@/lib/validators/deployment-target";
import { QuotaFields } from "./quota-fields";
import { DnsLabelField } from "./dns-label-field";

type TCluster = RouterOutputs["cluster"]["choices"][number];

const EMPTY_QUOTA: TQuotaInput = {
  requestsCpu: "",
  requestsMemory: "",
  limitsCpu: "",
  limitsMemory: "",
  pods: "",
};

export function CreateTargetClassForm({ clusters }: { clusters: TCluster[] }) {
  const trpc = useTRPC();
  const refresh = useRefresh();
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [clusterId, setClusterId] = useState("");
  const [reclaimPolicy, setReclaimPolicy] = useState("Delete");
  const [quota, setQuota] = useState<TQuotaInput>(EMPTY_QUOTA);
  const create = useMutation(
    trpc.deploymentTargetClass.create.mutationOptions({
      onSuccess: (created) => {
        toast({ title: "Class created", description: `Spaces can now claim ${created.name}.` });
        setName("");
        setDescription("");
        setQuota(EMPTY_QUOTA);
        refresh();
      },
    }),
  );
  const { errors, formError, submit } = useValidatedSubmit(ZCreateTargetClassSchema, create);
  const ceilings = clusters.find((c) => c.id === clusterId)?.quotaCeilings ?? {};

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const values = { name, description, clusterId, reclaimPolicy, quota };
    submit(values);
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-5" aria-label="Create class">
      {formError ? (
        <Alert variant="destructive" title="The class was not created">
          {formError}
        </Alert>
      ) : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <DnsLabelField
          label="Name"
          name="name"
          value={name}
          onChange={setName}
          error={errors.name}
          description="A DNS label, e.g. small-namespace."
        />
        <Field
          label="Cluster"
          required
          error={errors.clusterId}
          description="Targets of this class are namespaces on this cluster."
        >
          <NativeSelect
            name="clusterId"
            value={clusterId}
            onChange={(e) => setClusterId(e.target.value)}
          >
            <option value="">Choose a cluster…</option>
            {clusters.map((c) => (
              <option key={c.id} value={c.id}>
                {c.displayName || c.name}
                {c.emulated ? " (emulated)" : ""}
                {c.cordoned ? " (cordoned)" : ""}
                {c.healthy ? "" : ` (${c.health})`}
              </option>
            ))}
          </NativeSelect>
        </Field>
      </div>
      <Field
        label="Reclaim policy"
        required
        error={errors.reclaimPolicy}
        description="What happens to a target when its claim is deleted: Delete removes the namespace and everything in it; Retain keeps it, released, for an administrator to reuse or delete."
      >
        <NativeSelect
          name="reclaimPolicy"
          value={reclaimPolicy}
          onChange={(e) => setReclaimPolicy(e.target.value)}
        >
          <option value="Delete">Delete</option>
          <option value="Retain">Retain</option>
        </NativeSelect>
      </Field>
      <Field label="Description" error={errors.description} description="Optional. Who it is for.">
        <Textarea
          name="description"
          value={description}
          rows={2}
          maxLength={1000}
          onChange={(e) => setDescription(e.target.value)}
        />
      </Field>
      <QuotaFields value={quota} onChange={setQuota} errors={errors} ceilings={ceilings} />
      <Button type="submit" disabled={create.isPending}>
        {create.isPending ? "Creating…" : "Create class"}
      </Button>
    </form>
  );
}
