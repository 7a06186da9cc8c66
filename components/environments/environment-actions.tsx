"use client";

import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { toast } from "@/components/ui/toast";
import { formErrorsOf } from "@/lib/trpc/errors";
import { useTRPC } from "@/lib/trpc/react";
import { useRefresh } from "@/lib/trpc/use-refresh";

/** Moves an ephemeral environment's expiry (browser local time in, an instant out). */
export function ExtendExpiryForm({ space, environment }: { space: string; environment: string }) {
  const trpc = useTRPC();
  const refresh = useRefresh();
  const [value, setValue] = useState("");
  const extend = useMutation(
    trpc.environment.extend.mutationOptions({
      onSuccess: () => {
        toast({ title: "Expiry extended" });
        refresh();
      },
    }),
  );
  const errors = formErrorsOf(extend.error);
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    extend.mutate({ space, environment, expiresAt: new Date(value) });
  }
  return (
    <form
      onSubmit={onSubmit}
      noValidate
      className="flex items-end gap-2"
      aria-label="Extend expiry"
    >
      <Field label="New expiry" error={errors.fields.expiresAt ?? errors.form}>
        <Input type="datetime-local" value={value} onChange={(e) => setValue(e.target.value)} />
      </Field>
      <Button type="submit" variant="outline" disabled={!value || extend.isPending}>
        Extend
      </Button>
    </form>
  );
}

/** "Open workspace" on a dev environment: the member's namespace, made on first use. */
export function OpenWorkspaceButton({
  space,
  environment,
}: {
  space: string;
  environment: string;
}) {
  const trpc = useTRPC();
  const refresh = useRefresh();
  const open = useMutation(
    trpc.environment.openWorkspace.mutationOptions({ onSuccess: () => refresh() }),
  );
  const errors = formErrorsOf(open.error);
  return (
    <div className="space-y-2">
      <Button onClick={() => open.mutate({ space, environment })} disabled={open.isPending}>
        Open workspace
      </Button>
      {errors.form ? <Alert variant="destructive">{errors.form}</Alert> : null}
      {open.data ? (
        <p className="text-sm" role="status">
          {open.data.shared ? "You share the namespace " : "Your namespace is "}
          <span className="font-mono">{open.data.namespace}</span>.{" "}
          {open.data.dashboardUrl ? (
            <a href={open.data.dashboardUrl} className="underline" target="_blank" rel="noreferrer">
              Open the workspace dashboard
            </a>
          ) : (
            "This cluster has no workspace dashboard."
          )}
        </p>
      ) : null}
    </div>
  );
}
