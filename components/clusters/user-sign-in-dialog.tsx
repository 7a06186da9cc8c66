"use client";

import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { toast } from "@/components/ui/toast";
import { formErrorsOf } from "@/lib/trpc/errors";
import { useTRPC } from "@/lib/trpc/react";
import type { RouterOutputs } from "@/lib/trpc/types";
import { useRefresh } from "@/lib/trpc/use-refresh";
import { validateForm, type TFieldMessages } from "@/lib/validate-form";
import {
  DEFAULT_SIGN_IN_SCOPES,
  defaultScopesFor,
  ZSetClusterSignInSchema,
} from "@/lib/validators/cluster-sign-in";

type TSignIn = RouterOutputs["clusterSignIn"]["get"];

type TValues = {
  kind: "oidc" | "openshift";
  issuerUrl: string;
  clientId: string;
  clientSecret: string;
  publicClient: boolean;
  scopes: string;
  usernameClaim: string;
  usernamePrefix: string;
  groupsClaim: string;
  groupsPrefix: string;
  caData: string;
};

/** The form starts from what is saved; the secret is never sent here, so it starts empty. */
function valuesOf(current: TSignIn): TValues {
  if (current.kind === "none")
    return {
      kind: "oidc",
      issuerUrl: "",
      clientId: "",
      clientSecret: "",
      publicClient: false,
      scopes: DEFAULT_SIGN_IN_SCOPES,
      usernameClaim: "sub",
      usernamePrefix: "",
      groupsClaim: "",
      groupsPrefix: "",
      caData: "",
    };
  return {
    kind: current.kind,
    issuerUrl: current.issuerUrl ?? "",
    clientId: current.clientId,
    clientSecret: "",
    publicClient: !current.clientSecretSet,
    scopes: current.scopes,
    usernameClaim: current.usernameClaim,
    usernamePrefix: current.usernamePrefix ?? "",
    groupsClaim: current.groupsClaim ?? "",
    groupsPrefix: current.groupsPrefix ?? "",
    caData: current.caData ?? "",
  };
}

export function UserSignInDialog({ name, current }: { name: string; current: TSignIn }) {
  const trpc = useTRPC();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const [values, setValues] = useState(() => valuesOf(current));
  const [clientErrors, setClientErrors] = useState<TFieldMessages>({});
  const save = useMutation(
    trpc.clusterSignIn.set.mutationOptions({
      onSuccess: () => {
        toast({ title: "User sign-in saved", description: `Use "Test" to check the issuer.` });
        setOpen(false);
        refresh();
      },
    }),
  );
  const server = formErrorsOf(save.error);
  const errors = { ...server.fields, ...clientErrors };
  const set = (patch: Partial<TValues>) => setValues((v) => ({ ...v, ...patch }));
  const oidc = values.kind === "oidc";
  const secretSet = current.kind !== "none" && current.clientSecretSet;

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const result = validateForm(ZSetClusterSignInSchema, { name, ...values });
    if (!result.ok) return setClientErrors(result.fields);
    setClientErrors({});
    save.mutate(result.data);
  }

  const text = (key: keyof TValues, label: string, description?: string, required = false) => (
    <Field label={label} description={description} error={errors[key]} required={required}>
      <Input
        name={key}
        className="font-mono"
        value={values[key] as string}
        onChange={(e) => set({ [key]: e.target.value })}
      />
    </Field>
  );

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) setValues(valuesOf(current));
        else save.reset();
      }}
    >
      <DialogTrigger asChild>
        <Button variant="outline">{current.kind === "none" ? "Configure" : "Edit"}</Button>
      </DialogTrigger>
      <DialogContent className="max-h-[90vh] overflow-y-auto sm:max-w-2xl">
        <form onSubmit={onSubmit} noValidate className="space-y-4">
          <DialogHeader>
            <DialogTitle>User sign-in for {name}</DialogTitle>
            <DialogDescription>
              Use the same values as the cluster&apos;s API server (its --oidc-* flags), so tokens
              Slipway gets for a user are accepted as that user.
            </DialogDescription>
          </DialogHeader>
          {server.form ? (
            <Alert variant="destructive" title="Not saved">
              {server.form}
            </Alert>
          ) : null}
          <fieldset className="space-y-2">
            <legend className="text-sm font-medium">Identity provider</legend>
            {(["oidc", "openshift"] as const).map((kind) => (
              <label key={kind} className="mr-4 inline-flex items-center gap-2 text-sm">
                <input
                  type="radio"
                  name="kind"
                  value={kind}
                  checked={values.kind === kind}
                  onChange={() =>
                    // The other kind's default scopes would be refused: start from this one's.
                    set({
                      kind,
                      ...(values.scopes === defaultScopesFor(values.kind)
                        ? { scopes: defaultScopesFor(kind) }
                        : {}),
                    })
                  }
                />
                {kind === "oidc" ? "OpenID Connect issuer" : "OpenShift OAuth server"}
              </label>
            ))}
          </fieldset>
          {oidc
            ? text(
                "issuerUrl",
                "Issuer URL",
                "As in --oidc-issuer-url: https://, exactly as the tokens' iss.",
                true,
              )
            : null}
          {text("clientId", "Client ID", oidc ? "As in --oidc-client-id." : undefined, true)}
          <Field
            label="Client secret"
            error={errors.clientSecret}
            description={
              secretSet ? "A secret is set: leave empty to keep it." : "Not set. Stored encrypted."
            }
          >
            <Input
              name="clientSecret"
              type="password"
              autoComplete="off"
              disabled={values.publicClient}
              value={values.clientSecret}
              onChange={(e) => set({ clientSecret: e.target.value })}
            />
          </Field>
          <label className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              name="publicClient"
              checked={values.publicClient}
              onChange={(e) => set({ publicClient: e.target.checked, clientSecret: "" })}
            />
            Public client (PKCE, no secret)
          </label>
          {text(
            "scopes",
            "Scopes",
            oidc
              ? "Separated by spaces; OIDC needs openid."
              : "Separated by spaces; user:full lets Slipway act with all the person's rights.",
          )}
          {oidc ? (
            <>
              <div className="grid gap-4 sm:grid-cols-2">
                {text("usernameClaim", "Username claim", "--oidc-username-claim, e.g. sub, email.")}
                {text(
                  "usernamePrefix",
                  "Username prefix",
                  'Empty: the API server\'s default ("<issuer>#" unless the claim is email); "-": none.',
                )}
                {text("groupsClaim", "Groups claim", "--oidc-groups-claim; empty: no groups.")}
                {text("groupsPrefix", "Groups prefix", "--oidc-groups-prefix.")}
              </div>
            </>
          ) : null}
          <Field
            label={oidc ? "Issuer CA bundle" : "OAuth server CA bundle"}
            error={errors.caData}
            description={
              oidc
                ? "PEM, as --oidc-ca-file. Leave empty if the issuer's certificate is publicly trusted."
                : "PEM of the CA that signed the OAuth server's route (oauth-openshift.apps…). Empty: the cluster's CA and the public roots."
            }
          >
            <Textarea
              name="caData"
              rows={4}
              className="font-mono text-xs"
              spellCheck={false}
              value={values.caData}
              onChange={(e) => set({ caData: e.target.value })}
            />
          </Field>
          <DialogFooter>
            <Button type="submit" disabled={save.isPending}>
              {save.isPending ? "Saving…" : "Save"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
