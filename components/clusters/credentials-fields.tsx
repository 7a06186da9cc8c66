"use client";

import { useMutation } from "@tanstack/react-query";
import { useState, type ChangeEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { Textarea } from "@/components/ui/textarea";
import { formErrorsOf } from "@/lib/trpc/errors";
import { useTRPC } from "@/lib/trpc/react";
import type { TFieldMessages } from "@/lib/validate-form";
import type { TClusterCredentialsInput } from "@/lib/validators/cluster";

export const EMPTY_CREDENTIALS: TClusterCredentialsInput = {
  source: "kubeconfig",
  kubeconfig: "",
  context: "",
  token: "",
  caData: "",
};

/**
 * A kubeconfig (pasted or uploaded; its contexts are read on the server and one is chosen) or a
 * bearer token with a CA bundle. Errors come keyed "credentials.<field>".
 */
export function CredentialsFields({
  value,
  onChange,
  errors,
}: {
  value: TClusterCredentialsInput;
  onChange: (next: TClusterCredentialsInput) => void;
  errors: TFieldMessages;
}) {
  const trpc = useTRPC();
  const inspect = useMutation(trpc.cluster.inspectKubeconfig.mutationOptions());
  const [uploadError, setUploadError] = useState<string | null>(null);
  const set = (patch: Partial<TClusterCredentialsInput>) => onChange({ ...value, ...patch });
  const contexts = inspect.data?.contexts ?? [];
  const chosen = contexts.find((c) => c.name === value.context);

  function readContexts(kubeconfig: string) {
    inspect.mutate(
      { kubeconfig },
      {
        onSuccess: (result) => {
          const usable = result.contexts.filter((c) => c.problem === null);
          const pick = result.currentContext ?? usable[0]?.name ?? result.contexts[0]?.name ?? "";
          onChange({ ...value, kubeconfig, context: pick });
        },
      },
    );
  }

  async function onUpload(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    if (!file) return;
    if (file.size > 262_144) return setUploadError("A kubeconfig here may be at most 256 KiB.");
    setUploadError(null);
    const text = await file.text();
    set({ kubeconfig: text, context: "" });
    readContexts(text);
  }

  const inspectError = formErrorsOf(inspect.error);
  const kubeconfigError =
    uploadError ?? inspectError.fields.kubeconfig ?? errors["credentials.kubeconfig"];

  return (
    <fieldset className="space-y-4">
      <legend className="mb-2 text-sm font-medium">Credentials</legend>
      <div className="flex gap-4 text-sm" role="radiogroup" aria-label="Credentials source">
        {(["kubeconfig", "token"] as const).map((source) => (
          <label key={source} className="flex items-center gap-2">
            <input
              type="radio"
              name="credentials-source"
              checked={value.source === source}
              onChange={() => set({ source })}
            />
            {source === "kubeconfig" ? "Kubeconfig" : "Bearer token and CA bundle"}
          </label>
        ))}
      </div>
      {value.source === "kubeconfig" ? (
        <>
          <Field
            label="Kubeconfig"
            required
            error={kubeconfigError}
            description="Paste it or upload the file. Exec and auth-provider plugins cannot be used; credentials must be embedded (kubectl config view --raw --flatten --minify)."
          >
            <Textarea
              name="kubeconfig"
              rows={8}
              className="font-mono text-xs"
              spellCheck={false}
              value={value.kubeconfig}
              onChange={(e) => set({ kubeconfig: e.target.value, context: "" })}
              onBlur={(e) => {
                if (e.target.value.trim() !== "") readContexts(e.target.value);
              }}
            />
          </Field>
          <div className="flex items-center gap-3">
            <Input
              type="file"
              accept=".yaml,.yml,.conf,.config,text/*"
              aria-label="Upload a kubeconfig"
              onChange={(e) => void onUpload(e)}
              className="max-w-xs"
            />
            <Button
              type="button"
              variant="outline"
              disabled={value.kubeconfig.trim() === "" || inspect.isPending}
              onClick={() => readContexts(value.kubeconfig)}
            >
              {inspect.isPending ? "Reading…" : "Read contexts"}
            </Button>
          </div>
          {contexts.length > 0 ? (
            <Field
              label="Context"
              required
              error={errors["credentials.context"] ?? chosen?.problem ?? undefined}
            >
              <NativeSelect
                name="context"
                value={value.context}
                onChange={(e) => set({ context: e.target.value })}
              >
                {contexts.map((c) => (
                  <option key={c.name} value={c.name}>
                    {c.name} — {c.server ?? "no server"}
                    {c.problem ? " (cannot be used)" : ""}
                  </option>
                ))}
              </NativeSelect>
            </Field>
          ) : null}
          {chosen?.insecureSkipTlsVerify ? (
            <Alert variant="warning" title="TLS verification is off">
              This context sets insecure-skip-tls-verify: Slipway will not check the server&apos;s
              certificate, so anyone between Slipway and the cluster could read the credentials.
            </Alert>
          ) : null}
        </>
      ) : (
        <>
          <Field
            label="Bearer token"
            required
            error={errors["credentials.token"]}
            description="A service-account token, for example."
          >
            <Input
              name="token"
              type="password"
              autoComplete="off"
              value={value.token}
              onChange={(e) => set({ token: e.target.value })}
            />
          </Field>
          <Field
            label="CA bundle"
            error={errors["credentials.caData"]}
            description="PEM. Leave empty if the server's certificate is publicly trusted."
          >
            <Textarea
              name="caData"
              rows={4}
              className="font-mono text-xs"
              spellCheck={false}
              value={value.caData}
              onChange={(e) => set({ caData: e.target.value })}
            />
          </Field>
        </>
      )}
    </fieldset>
  );
}
