"use client";

import { DnsLabelField } from "@/components/deployment-targets/dns-label-field";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { suggestName } from "@/lib/suggest-name";
import { GITOPS_SOURCE_TYPES, type TGitOpsSourceType } from "@/lib/validators/application";

/** A component as a form holds it: every field a string, the GitOps source as one object. */
export interface TComponentFormValues {
  name: string;
  displayName: string;
  sourceUrl: string;
  containerImage: string;
  gitopsSource: { repoUrl: string; path: string; targetRevision: string; type: TGitOpsSourceType };
}

export const EMPTY_COMPONENT: TComponentFormValues = {
  name: "",
  displayName: "",
  sourceUrl: "",
  containerImage: "",
  gitopsSource: { repoUrl: "", path: "", targetRevision: "HEAD", type: "kustomize" },
};

const TYPE_LABELS: Record<TGitOpsSourceType, string> = {
  kustomize: "Kustomize",
  helm: "Helm chart",
  directory: "Plain manifests (directory)",
};

/**
 * The fields of one component. Messages come from the shared schema under `prefix` (e.g.
 * "components.1." in the Create App form, "" when adding one component), so each shows under its
 * own field. The name follows the display name until it is typed into.
 */
export function ComponentFields({
  legend,
  value,
  onChange,
  errors,
  prefix = "",
  nameFixed = false,
  onRemove,
}: {
  legend: string;
  value: TComponentFormValues;
  onChange: (value: TComponentFormValues) => void;
  errors: Record<string, string[]>;
  prefix?: string;
  /** Editing: the name is shown but cannot change. */
  nameFixed?: boolean;
  onRemove?: () => void;
}) {
  const error = (field: string) => errors[`${prefix}${field}`];
  const set = (change: Partial<TComponentFormValues>) => onChange({ ...value, ...change });
  const setSource = (change: Partial<TComponentFormValues["gitopsSource"]>) =>
    set({ gitopsSource: { ...value.gitopsSource, ...change } });
  const nameFollows = !nameFixed && value.name === suggestName(value.displayName);
  return (
    <fieldset className="space-y-4 rounded-lg border p-4">
      <legend className="px-1 text-sm font-semibold">{legend}</legend>
      <div className="grid items-start gap-4 sm:grid-cols-2">
        <Field label="Display name" required error={error("displayName")}>
          <Input
            name={`${prefix}displayName`}
            value={value.displayName}
            maxLength={100}
            onChange={(e) =>
              set({
                displayName: e.target.value,
                ...(nameFollows ? { name: suggestName(e.target.value) } : {}),
              })
            }
          />
        </Field>
        <DnsLabelField
          label="Name"
          name={`${prefix}name`}
          value={value.name}
          onChange={(name) => set({ name })}
          error={error("name")}
          readOnly={nameFixed}
          description={
            nameFixed ? "Fixed once created." : "A DNS label, unique in the application."
          }
        />
      </div>
      <Field
        label="Source repository URL"
        required
        error={error("sourceUrl")}
        description="Where the component's code lives: an https:// or ssh:// Git URL."
      >
        <Input
          name={`${prefix}sourceUrl`}
          value={value.sourceUrl}
          placeholder="https://github.com/team/app.git"
          className="font-mono"
          autoComplete="off"
          spellCheck={false}
          onChange={(e) => set({ sourceUrl: e.target.value })}
        />
      </Field>
      <Field
        label="Container image"
        required
        error={error("containerImage")}
        description="The image it runs now, e.g. quay.io/team/app:1.4.2. Snapshots start from it."
      >
        <Input
          name={`${prefix}containerImage`}
          value={value.containerImage}
          placeholder="quay.io/team/app:1.0.0"
          className="font-mono"
          autoComplete="off"
          spellCheck={false}
          onChange={(e) => set({ containerImage: e.target.value })}
        />
      </Field>
      <div className="grid items-start gap-4 sm:grid-cols-2">
        <Field
          label="GitOps repository URL"
          required
          error={error("gitopsSource.repoUrl")}
          description="The repository Argo CD deploys from."
        >
          <Input
            name={`${prefix}gitopsSource.repoUrl`}
            value={value.gitopsSource.repoUrl}
            placeholder="https://github.com/team/gitops.git"
            className="font-mono"
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => setSource({ repoUrl: e.target.value })}
          />
        </Field>
        <Field
          label="GitOps path"
          required
          error={error("gitopsSource.path")}
          description="The directory in that repository; . for its root."
        >
          <Input
            name={`${prefix}gitopsSource.path`}
            value={value.gitopsSource.path}
            placeholder="components/app/overlays/dev"
            className="font-mono"
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => setSource({ path: e.target.value })}
          />
        </Field>
        <Field
          label="Target revision"
          required
          error={error("gitopsSource.targetRevision")}
          description="A branch, tag or commit; HEAD for the default branch."
        >
          <Input
            name={`${prefix}gitopsSource.targetRevision`}
            value={value.gitopsSource.targetRevision}
            className="font-mono"
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => setSource({ targetRevision: e.target.value })}
          />
        </Field>
        <Field label="Source type" required error={error("gitopsSource.type")}>
          <NativeSelect
            name={`${prefix}gitopsSource.type`}
            value={value.gitopsSource.type}
            onChange={(e) => setSource({ type: e.target.value as TGitOpsSourceType })}
          >
            {GITOPS_SOURCE_TYPES.map((type) => (
              <option key={type} value={type}>
                {TYPE_LABELS[type]}
              </option>
            ))}
          </NativeSelect>
        </Field>
      </div>
      {onRemove ? (
        <Button type="button" variant="ghost" size="sm" onClick={onRemove}>
          Remove {value.displayName || legend.toLowerCase()}
        </Button>
      ) : null}
    </fieldset>
  );
}
