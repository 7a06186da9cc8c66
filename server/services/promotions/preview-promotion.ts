import type { TEnvironmentVariable } from "@/db/schema/environments";
import type { TBindingComponent } from "@/lib/validators/binding";
import type { TPromote } from "@/lib/validators/promotion";
import { loadApplication } from "../applications/application-row";
import type { TSpaceContext } from "../context";
import { loadEnvironment } from "../environments/environment-row";
import { findBindingOf } from "../bindings/binding-row";
import { resolveBindingSnapshot } from "../bindings/binding-rules";
import { loadSnapshotImages } from "../snapshots/snapshot-row";
import { notReadyReason } from "./promotion-row";

interface TChange<T> {
  now: T;
  after: T;
}

export interface TComponentPreview {
  component: string;
  /** Null: the component is not in that snapshot (now: nothing deployed yet). */
  image: TChange<string | null>;
  /** Null: as many as the GitOps source says. A promotion keeps the binding's configuration. */
  replicas: TChange<number | null>;
  /** The environment's variables with the component's own on top. */
  env: TChange<TEnvironmentVariable[]>;
  changed: boolean;
}

function effectiveEnv(
  environment: readonly TEnvironmentVariable[],
  configured: TBindingComponent | undefined,
): TEnvironmentVariable[] {
  const merged = new Map(environment.map((v) => [v.name, v.value]));
  for (const v of configured?.configuration.env ?? []) merged.set(v.name, v.value);
  return [...merged].map(([name, value]) => ({ name, value }));
}

/**
 * What promoting a snapshot to an environment would change, per component: the image now and
 * after, replicas and environment variables (kept from the binding), against the binding that
 * runs now — or, with no binding yet, "not deployed yet" (deployed: false). Also whether the
 * environment can be promoted into now, and why not.
 */
export async function previewPromotion(ctx: TSpaceContext, input: Omit<TPromote, "space">) {
  const application = await loadApplication(ctx.db, ctx.space.id, input.application);
  const environment = await loadEnvironment(ctx.db, ctx.space.id, input.environment);
  const snapshot = await resolveBindingSnapshot(ctx.db, application, input.snapshot);
  const found = await findBindingOf(ctx.db, application.id, environment.id);
  const current = found && { binding: found.binding, snapshot: found.snapshotName };
  const images = await loadSnapshotImages(
    ctx.db,
    current ? [snapshot.id, current.binding.snapshotId] : [snapshot.id],
  );
  const imageOf = (snapshotId: string | undefined) =>
    new Map(
      (snapshotId ? (images.get(snapshotId) ?? []) : []).map((c) => [c.name, c.containerImage]),
    );
  const after = imageOf(snapshot.id);
  const now = imageOf(current?.binding.snapshotId);
  const names = [...new Set([...now.keys(), ...after.keys()])].sort();
  const configured = new Map((current?.binding.components ?? []).map((c) => [c.name, c]));
  const components: TComponentPreview[] = names.map((name) => {
    const configuration = configured.get(name);
    const env = effectiveEnv(environment.variables, configuration);
    const replicas = configuration?.configuration.replicas ?? null;
    const image = { now: now.get(name) ?? null, after: after.get(name) ?? null };
    return {
      component: name,
      image,
      replicas: { now: current ? replicas : null, after: replicas },
      env: { now: current ? env : [], after: env },
      changed: image.now !== image.after || !current,
    };
  });
  const blocked = notReadyReason(environment);
  return {
    application: application.name,
    environment: environment.name,
    snapshot: { name: snapshot.name, displayName: snapshot.displayName },
    deployed: current ? { snapshot: current.snapshot } : null,
    ready: blocked === null,
    notReadyReason: blocked,
    components,
  };
}
