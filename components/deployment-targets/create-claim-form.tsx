"use client";

import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { NativeSelect } from "@/components/ui/native-select";
import { toast } from "@/components/ui/toast";
import { useTRPC } from "@/lib/trpc/react";
import type { RouterOutputs } from "@/lib/trpc/types";
import { useRefresh } from "@/lib/trpc/use-refresh";
import { useValidatedSubmit } from "@/lib/use-validated-submit";
import { ZCreateClaimSchema } from "@/lib/validators/deployment-target";
import { DnsLabelField } from "./dns-label-field";

type TClass = RouterOutputs["deploymentTargetClass"]["list"]["items"][number];

export function CreateClaimForm({ space, classes }: { space: string; classes: TClass[] }) {
  const trpc = useTRPC();
  const refresh = useRefresh();
  const [name, setName] = useState("");
  const [classId, setClassId] = useState("");
  const create = useMutation(
    trpc.deploymentTargetClaim.create.mutationOptions({
      onSuccess: (claim) => {
        toast({
          title: "Target claimed",
          description: `${claim.name} is Pending until a target is bound.`,
        });
        setName("");
        refresh();
      },
    }),
  );
  const { errors, formError, submit } = useValidatedSubmit(ZCreateClaimSchema, create);
  const chosen = classes.find((c) => c.id === classId);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    submit({ space, name, classId });
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-5" aria-label="Claim a target">
      {formError ? (
        <Alert variant="destructive" title="Nothing was claimed">
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
          description="A DNS label, unique in this space."
        />
        <Field
          label="Class"
          required
          error={errors.classId}
          description={
            chosen
              ? `${chosen.description || `Namespaces on ${chosen.cluster.name}.`} Reclaim policy: ${chosen.reclaimPolicy}.`
              : "What kind of target, defined by your administrators."
          }
        >
          <NativeSelect name="classId" value={classId} onChange={(e) => setClassId(e.target.value)}>
            <option value="">Choose a class…</option>
            {classes.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </NativeSelect>
        </Field>
      </div>
      <Button type="submit" disabled={create.isPending}>
        {create.isPending ? "Claiming…" : "Claim target"}
      </Button>
    </form>
  );
}
