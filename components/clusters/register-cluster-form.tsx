"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { toast } from "@/components/ui/toast";
import { formErrorsOf } from "@/lib/trpc/errors";
import { useTRPC } from "@/lib/trpc/react";
import { useRefresh } from "@/lib/trpc/use-refresh";
import { validateForm, type TFieldMessages } from "@/lib/validate-form";
import { ZRegisterClusterSchema } from "@/lib/validators/cluster";
import { ClusterSettingsFields } from "./cluster-settings-fields";
import { EMPTY_SETTINGS, settingsInputOf } from "./cluster-settings-values";
import { CredentialsFields, EMPTY_CREDENTIALS } from "./credentials-fields";

export function RegisterClusterForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const refresh = useRefresh();
  const [name, setName] = useState("");
  const [settings, setSettings] = useState(EMPTY_SETTINGS);
  const [credentials, setCredentials] = useState(EMPTY_CREDENTIALS);
  const [clientErrors, setClientErrors] = useState<TFieldMessages>({});
  const { input, remap } = settingsInputOf(settings);
  const register = useMutation(
    trpc.cluster.register.mutationOptions({
      onSuccess: (cluster) => {
        toast({
          title: "Cluster registered",
          description: `${cluster.name} was checked; see its status.`,
        });
        router.push(`/admin/clusters/${cluster.name}`);
        refresh();
      },
    }),
  );
  const server = formErrorsOf(register.error);
  const errors = { ...remap(server.fields), ...clientErrors };

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const values = { ...input, name, credentials };
    // A kubeconfig's context carries the API URL and TLS setting.
    if (credentials.source === "kubeconfig") {
      values.apiUrl = "";
      values.insecureSkipTlsVerify = false;
    }
    const result = validateForm(ZRegisterClusterSchema, values);
    if (!result.ok) {
      setClientErrors(remap(result.fields));
      return;
    }
    if (credentials.source === "token" && result.data.apiUrl === "") {
      setClientErrors({ apiUrl: ["Enter the API URL."] });
      return;
    }
    setClientErrors({});
    register.mutate(result.data);
  }

  return (
    <form
      onSubmit={onSubmit}
      noValidate
      className="max-w-2xl space-y-5"
      aria-label="Register cluster"
    >
      {server.form ? (
        <Alert variant="destructive" title="The cluster was not registered">
          {server.form}
        </Alert>
      ) : null}
      <Field
        label="Name"
        required
        error={errors.name}
        description="A DNS label; it cannot be changed later."
      >
        <Input
          name="name"
          className="font-mono"
          maxLength={63}
          autoComplete="off"
          autoFocus
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
      </Field>
      <CredentialsFields value={credentials} onChange={setCredentials} errors={errors} />
      <ClusterSettingsFields
        values={settings}
        onChange={setSettings}
        errors={errors}
        showConnection={credentials.source === "token"}
      />
      <div className="flex gap-3">
        <Button type="submit" disabled={register.isPending}>
          {register.isPending ? "Registering and checking…" : "Register cluster"}
        </Button>
        <Button type="button" variant="ghost" onClick={() => router.back()}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
