"use client";

import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { toast } from "@/components/ui/toast";
import { validateForm, type TFieldMessages } from "@/lib/validate-form";
import { formErrorsOf } from "@/lib/trpc/errors";
import { useTRPC } from "@/lib/trpc/react";
import { useRefresh } from "@/lib/trpc/use-refresh";
import { SPACE_ROLES, ZAddMemberSchema, type TSpaceRole } from "@/lib/validators/space";

export function AddMemberForm({ space }: { space: string }) {
  const trpc = useTRPC();
  const refresh = useRefresh();
  const [identifier, setIdentifier] = useState("");
  const [role, setRole] = useState<TSpaceRole>("contributor");
  const [clientErrors, setClientErrors] = useState<TFieldMessages>({});
  const add = useMutation(
    trpc.member.add.mutationOptions({
      onSuccess: () => {
        toast({ title: "Member added", description: `${identifier} is now a ${role}.` });
        setIdentifier("");
        refresh();
      },
    }),
  );
  const server = formErrorsOf(add.error);
  const errors = { ...server.fields, ...clientErrors };

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const result = validateForm(ZAddMemberSchema, { space, identifier, role });
    if (!result.ok) {
      setClientErrors(result.fields);
      return;
    }
    setClientErrors({});
    add.mutate(result.data);
  }

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Add member" className="space-y-3">
      {server.form ? (
        <Alert variant="destructive" title="The member was not added">
          {server.form}
        </Alert>
      ) : null}
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start">
        <Field
          label="Email or username"
          error={errors.identifier}
          description="People can be added after they have signed in to Slipway once."
          className="flex-1"
        >
          <Input
            name="identifier"
            value={identifier}
            autoComplete="off"
            onChange={(e) => setIdentifier(e.target.value)}
          />
        </Field>
        <Field label="Role" error={errors.role} className="sm:w-44">
          <NativeSelect
            name="role"
            value={role}
            onChange={(e) => setRole(e.target.value as TSpaceRole)}
          >
            {SPACE_ROLES.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </NativeSelect>
        </Field>
        <Button type="submit" className="sm:mt-7" disabled={add.isPending}>
          {add.isPending ? "Adding…" : "Add member"}
        </Button>
      </div>
    </form>
  );
}
