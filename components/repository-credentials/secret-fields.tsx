"use client";

import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import type { TRepositoryCredentialKind } from "@/lib/validators/repository-credential";

export interface TSecretValues {
  username: string;
  token: string;
  privateKey: string;
}

export const EMPTY_SECRET: TSecretValues = { username: "", token: "", privateKey: "" };

/** The secret part of a credential for its kind: username and token, or an SSH private key. */
export function SecretFields({
  kind,
  value,
  onChange,
  errors,
}: {
  kind: TRepositoryCredentialKind;
  value: TSecretValues;
  onChange: (value: TSecretValues) => void;
  errors: Record<string, string[]>;
}) {
  const set = (change: Partial<TSecretValues>) => onChange({ ...value, ...change });
  if (kind === "ssh") {
    return (
      <Field
        label="SSH private key"
        required
        error={errors.privateKey}
        description="A key without a passphrase (a deploy key). It is sealed and never shown again."
      >
        <Textarea
          name="privateKey"
          value={value.privateKey}
          rows={6}
          className="font-mono text-xs"
          autoComplete="off"
          spellCheck={false}
          placeholder="-----BEGIN OPENSSH PRIVATE KEY-----"
          onChange={(e) => set({ privateKey: e.target.value })}
        />
      </Field>
    );
  }
  return (
    <div className="grid items-start gap-4 sm:grid-cols-2">
      <Field label="Username" required error={errors.username}>
        <Input
          name="username"
          value={value.username}
          autoComplete="off"
          spellCheck={false}
          onChange={(e) => set({ username: e.target.value })}
        />
      </Field>
      <Field
        label="Token"
        required
        error={errors.token}
        description="A personal access token or password. It is sealed and never shown again."
      >
        <Input
          name="token"
          type="password"
          value={value.token}
          autoComplete="new-password"
          onChange={(e) => set({ token: e.target.value })}
        />
      </Field>
    </div>
  );
}
