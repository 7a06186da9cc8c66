"use client";

import type { ReactNode } from "react";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";

/** A required name that Kubernetes will use: monospaced, at most 63 characters, no autofill. */
export function DnsLabelField({
  label,
  name,
  value,
  onChange,
  error,
  description,
  readOnly,
}: {
  label: string;
  name: string;
  value: string;
  onChange: (value: string) => void;
  error: readonly string[] | undefined;
  description?: ReactNode;
  readOnly?: boolean;
}) {
  return (
    <Field label={label} required error={error} description={description}>
      <Input
        name={name}
        value={value}
        maxLength={63}
        className="font-mono"
        autoComplete="off"
        spellCheck={false}
        readOnly={readOnly}
        onChange={(e) => onChange(e.target.value)}
      />
    </Field>
  );
}
