"use client";

import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { DnsLabelField } from "@/components/deployment-targets/dns-label-field";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { toast } from "@/components/ui/toast";
import { suggestSnapshotName } from "@/lib/snapshot-name";
import { useTRPC } from "@/lib/trpc/react";
import { useRefresh } from "@/lib/trpc/use-refresh";
import { useValidatedSubmit } from "@/lib/use-validated-submit";
import { ZCreateSnapshotSchema } from "@/lib/validators/snapshot";

type TComponentImage = { name: string; displayName: string; containerImage: string };

/** Parsed artifacts text: empty means none; anything else must be JSON (the schema checks the rest). */
function parseArtifacts(
  text: string,
): { ok: true; value: unknown } | { ok: false; message: string } {
  if (text.trim() === "") return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, message: 'Artifacts must be JSON, like {"build": "1234"}.' };
  }
}

/**
 * Cuts a snapshot of the application: one image per component, prefilled with each component's
 * current image. It never changes afterwards.
 */
export function CreateSnapshotForm({
  space,
  application,
  components,
  suggestedName,
}: {
  space: string;
  application: string;
  components: TComponentImage[];
  suggestedName: string;
}) {
  const trpc = useTRPC();
  const refresh = useRefresh();
  const initialImages = () => Object.fromEntries(components.map((c) => [c.name, c.containerImage]));
  const [name, setName] = useState(suggestedName);
  const [displayName, setDisplayName] = useState("");
  const [description, setDescription] = useState("");
  const [images, setImages] = useState<Record<string, string>>(initialImages);
  const [artifacts, setArtifacts] = useState("");
  const [artifactsError, setArtifactsError] = useState<string | null>(null);
  const create = useMutation(
    trpc.snapshot.create.mutationOptions({
      onSuccess: (snapshot) => {
        toast({
          title: "Snapshot created",
          description: `${snapshot.displayName} (${snapshot.name})`,
        });
        // Ready for the next one: a fresh name, the same images to start from.
        setName(suggestSnapshotName(application, new Date()));
        setDisplayName("");
        setDescription("");
        setArtifacts("");
        refresh();
      },
    }),
  );
  const { errors, formError, submit } = useValidatedSubmit(ZCreateSnapshotSchema, create);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const parsed = parseArtifacts(artifacts);
    setArtifactsError(parsed.ok ? null : parsed.message);
    if (!parsed.ok) return;
    submit({
      space,
      application,
      name,
      displayName,
      description,
      components: components.map((c) => ({ name: c.name, containerImage: images[c.name] ?? "" })),
      artifacts: parsed.value,
    });
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Create snapshot">
      {formError ? (
        <Alert variant="destructive" title="The snapshot was not created">
          {formError}
        </Alert>
      ) : null}
      <div className="grid items-start gap-4 sm:grid-cols-2">
        <Field label="Snapshot display name" required error={errors.displayName}>
          <Input
            name="displayName"
            value={displayName}
            maxLength={100}
            onChange={(e) => setDisplayName(e.target.value)}
          />
        </Field>
        <DnsLabelField
          label="Snapshot name"
          name="name"
          value={name}
          onChange={setName}
          error={errors.name}
          description="A DNS label, unique in this application."
        />
      </div>
      <fieldset className="space-y-3">
        <legend className="text-sm font-medium">Images</legend>
        {components.map((component, index) => (
          <Field
            key={component.name}
            label={`Image of ${component.name}`}
            required
            error={
              errors[`components.${index}.containerImage`] ?? errors[`components.${index}.name`]
            }
          >
            <Input
              name={`components.${index}.containerImage`}
              value={images[component.name] ?? ""}
              className="font-mono"
              autoComplete="off"
              spellCheck={false}
              onChange={(e) => setImages({ ...images, [component.name]: e.target.value })}
            />
          </Field>
        ))}
        {errors.components ? (
          <p role="alert" className="text-destructive text-sm">
            {errors.components[0]}
          </p>
        ) : null}
      </fieldset>
      <Field label="Description" error={errors.description}>
        <Textarea
          name="description"
          value={description}
          rows={2}
          maxLength={1000}
          onChange={(e) => setDescription(e.target.value)}
        />
      </Field>
      <Field
        label="Artifacts"
        error={artifactsError ?? errors.artifacts}
        description='Optional JSON object about what this snapshot holds, e.g. {"build": "1234"}.'
      >
        <Textarea
          name="artifacts"
          value={artifacts}
          rows={2}
          className="font-mono"
          spellCheck={false}
          onChange={(e) => setArtifacts(e.target.value)}
        />
      </Field>
      <Button type="submit" disabled={create.isPending}>
        {create.isPending ? "Creating…" : "Create snapshot"}
      </Button>
    </form>
  );
}
