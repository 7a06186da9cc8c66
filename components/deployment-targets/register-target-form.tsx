"use client";

import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { NativeSelect } from "@/components/ui/native-select";
import { toast } from "@/components/ui/toast";
import { useTRPC } from "@/lib/trpc/react";
import { useRefresh } from "@/lib/trpc/use-refresh";
import { useValidatedSubmit } from "@/lib/use-validated-submit";
import { ZRegisterTargetSchema } from "@/lib/validators/deployment-target";
import { DnsLabelField } from "./dns-label-field";

type TClassChoice = { id: string; name: string; cluster: { name: string } };

/** An existing namespace offered to claims of a class, as a hand-made PersistentVolume is. */
export function RegisterTargetForm({ classes }: { classes: TClassChoice[] }) {
  const trpc = useTRPC();
  const refresh = useRefresh();
  const [classId, setClassId] = useState("");
  const [name, setName] = useState("");
  const [namespace, setNamespace] = useState("");
  const register = useMutation(
    trpc.deploymentTarget.register.mutationOptions({
      onSuccess: (target) => {
        toast({
          title: "Target registered",
          description: `${target.name} becomes Available once ready.`,
        });
        setName("");
        setNamespace("");
        refresh();
      },
    }),
  );
  const { errors, formError, submit } = useValidatedSubmit(ZRegisterTargetSchema, register);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    submit({ classId, name, namespace });
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-5" aria-label="Register target">
      {formError ? (
        <Alert variant="destructive" title="The target was not registered">
          {formError}
        </Alert>
      ) : null}
      <div className="grid gap-4 sm:grid-cols-3">
        <Field label="Class" required error={errors.classId}>
          <NativeSelect name="classId" value={classId} onChange={(e) => setClassId(e.target.value)}>
            <option value="">Choose a class…</option>
            {classes.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name} ({c.cluster.name})
              </option>
            ))}
          </NativeSelect>
        </Field>
        <DnsLabelField
          label="Namespace"
          name="namespace"
          value={namespace}
          onChange={(value) => {
            // The target's name follows the namespace until it is edited on its own.
            if (name === namespace) setName(value);
            setNamespace(value);
          }}
          error={errors.namespace}
          description="On the class's cluster."
        />
        <DnsLabelField
          label="Target name"
          name="name"
          value={name}
          onChange={setName}
          error={errors.name}
        />
      </div>
      <p className="text-muted-foreground text-xs">
        A registered target is never deleted with a claim: when its claim goes it is released, and
        stays until you delete it here.
      </p>
      <Button type="submit" disabled={register.isPending}>
        {register.isPending ? "Registering…" : "Register target"}
      </Button>
    </form>
  );
}
