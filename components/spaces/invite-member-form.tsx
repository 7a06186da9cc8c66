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
import { INVITATION_LIFETIME_DAYS, ZCreateInvitationSchema } from "@/lib/validators/invitation";
import { SPACE_ROLES, type TSpaceRole } from "@/lib/validators/space";

export function InviteMemberForm({ space }: { space: string }) {
  const trpc = useTRPC();
  const refresh = useRefresh();
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<TSpaceRole>("contributor");
  const [clientErrors, setClientErrors] = useState<TFieldMessages>({});
  const invite = useMutation(
    trpc.invitation.create.mutationOptions({
      onSuccess: (created) => {
        toast({
          title: "Invitation sent",
          description: `${created.email} can join as ${created.role} after signing in with that address.`,
        });
        setEmail("");
        refresh();
      },
    }),
  );
  const server = formErrorsOf(invite.error);
  const errors = { ...server.fields, ...clientErrors };

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const result = validateForm(ZCreateInvitationSchema, { space, email, role });
    if (!result.ok) {
      setClientErrors(result.fields);
      return;
    }
    setClientErrors({});
    invite.mutate(result.data);
  }

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Invite member" className="space-y-3">
      {server.form ? (
        <Alert variant="destructive" title="The invitation was not sent">
          {server.form}
        </Alert>
      ) : null}
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start">
        <Field
          label="Email"
          error={errors.email}
          description={`They accept after signing in with this address. The invitation expires after ${INVITATION_LIFETIME_DAYS} days.`}
          className="flex-1"
        >
          <Input
            name="email"
            type="email"
            value={email}
            autoComplete="off"
            maxLength={254}
            onChange={(e) => setEmail(e.target.value)}
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
        <Button type="submit" className="sm:mt-7" disabled={invite.isPending}>
          {invite.isPending ? "Inviting…" : "Invite"}
        </Button>
      </div>
    </form>
  );
}
