"use client";

import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { toast } from "@/components/ui/toast";
import { formErrorsOf } from "@/lib/trpc/errors";
import { useTRPC } from "@/lib/trpc/react";
import { useRefresh } from "@/lib/trpc/use-refresh";
import { validateForm, type TFieldMessages } from "@/lib/validate-form";
import { ZRegisterTargetSchema } from "@/lib/validators/deployment-target";

type TClassChoice = { id: string; name: string; cluster: { name: string } };

/** An existing namespace offered to claims of a class, as a hand-made PersistentVolume is. */
export function RegisterTargetForm({ classes }: { classes: TClassChoice[] }) {
  const trpc = useTRPC();
  const refresh = useRefresh();
  const [classId, setClassId] = useState("");
  const [name, setName] = useState("");
  const [namespace, setNamespace] = useState("");
  const [clientErrors, setClientErrors] = useState<TFieldMessages>({});
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
  const server = formErrorsOf(register.error);
  const errors = { ...server.fields, ...clientErrors };

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const result = validateForm(ZRegisterTargetSchema, { classId, name, namespace });
    if (!result.ok) {
      setClientErrors(result.fields);
      return;
    }
    setClientErrors({});
    register.mutate(result.data);
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-5" aria-label="Register target">
      {server.form ? (
        <Alert variant="destructive" title="The target was not registered">
          {server.form}
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
        <Field
          label="Namespace"
          required
          error={errors.namespace}
          description="On the class's cluster."
        >
          <Input
            name="namespace"
            value={namespace}
            maxLength={63}
            className="font-mono"
            autoComplete="off"
            onChange={(e) => {
              if (name === namespace) setName(e.target.value);
              setNamespace(e.target.value);
            }}
          />
        </Field>
        <Field label="Target name" required error={errors.name}>
          <Input
            name="name"
            value={name}
            maxLength={63}
            className="font-mono"
            autoComplete="off"
            onChange={(e) => setName(e.target.value)}
          />
        </Field>
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
