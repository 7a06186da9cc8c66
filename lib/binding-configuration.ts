// The binding configuration form's values and the `components` binding.update takes. The form
// shows every component of the application; only those set to something other than the defaults
// are sent, so the binding lists as "configured" just the components someone actually changed.
import type { TBindingComponent, TSyncMode } from "./validators/binding";
import type { TEnvironmentVariable } from "./validators/environment";

type TResourceList = { cpu: string; memory: string };

/** One component as the form holds it: replicas as typed (empty = the GitOps source's). */
export interface TComponentConfigValues {
  name: string;
  displayName: string;
  syncMode: TSyncMode;
  replicas: string;
  env: TEnvironmentVariable[];
  resources: { requests: TResourceList; limits: TResourceList };
}

const noResources = () => ({
  requests: { cpu: "", memory: "" },
  limits: { cpu: "", memory: "" },
});

/** The form's starting values: each application component, with the binding's settings if any. */
export function toConfigValues(
  components: { name: string; displayName: string }[],
  configured: TBindingComponent[],
): TComponentConfigValues[] {
  return components.map(({ name, displayName }) => {
    const current = configured.find((c) => c.name === name);
    return {
      name,
      displayName,
      syncMode: current?.syncMode ?? "automated",
      replicas: current?.configuration.replicas?.toString() ?? "",
      env: current?.configuration.env ?? [],
      resources: current?.configuration.resources ?? noResources(),
    };
  });
}

/** "" stays null (not set); anything else goes to the schema as a number, or NaN to be refused. */
function replicasOf(typed: string): number | null {
  return typed.trim() === "" ? null : Number(typed.trim());
}

function isDefault(value: TComponentConfigValues): boolean {
  const { requests, limits } = value.resources;
  return (
    value.syncMode === "automated" &&
    value.replicas.trim() === "" &&
    value.env.length === 0 &&
    [requests.cpu, requests.memory, limits.cpu, limits.memory].every((q) => q.trim() === "")
  );
}

/**
 * binding.update's `components`, and for each entry the index of the form row it came from, so
 * a message about "components.1.…" can be shown under the right component.
 */
export function toComponentsInput(values: TComponentConfigValues[]) {
  const rows = values.flatMap((value, formIndex) => (isDefault(value) ? [] : [formIndex]));
  const components = rows.map((formIndex) => {
    const { name, syncMode, replicas, env, resources } = values[formIndex]!;
    return { name, syncMode, configuration: { replicas: replicasOf(replicas), env, resources } };
  });
  return { components, rows };
}

/** Renames "components.<sent index>.…" messages to "components.<form row>.…". */
export function errorsByFormRow(
  errors: Record<string, string[]>,
  rows: number[],
): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(errors).map(([key, messages]) => {
      const match = /^components\.(\d+)(\..*)?$/.exec(key);
      const row = match ? rows[Number(match[1])] : undefined;
      return [row === undefined ? key : `components.${row}${match![2] ?? ""}`, messages];
    }),
  );
}
