// What kube-controller-manager and the apiextensions server would do asynchronously: namespace
// finalization, garbage collection by ownerReferences, default ServiceAccounts and root CA
// ConfigMaps, ClusterRole aggregation, and CRD establishment/cleanup. Work is queued on store
// events and run on the next turn of the event loop, so API responses show the state before the
// controllers acted, as on a real cluster.
import { type Api, CRD_FINALIZER, FOREGROUND_FINALIZER, splitKey } from "./api.js";
import { typeFromCrd } from "./crd-types.js";
import { deepEqual, own, setOwn } from "./json.js";
import { type ResourceType, typeKey } from "./registry.js";
import { matchesLabelSelectorObject } from "./selectors.js";
import { type KubeObject, type StoreEvent } from "./store.js";

type Obj = Record<string, unknown>;

const NS = typeKey("", "namespaces");
const CLUSTER_ROLES = typeKey("rbac.authorization.k8s.io", "clusterroles");
const CRDS = typeKey("apiextensions.k8s.io", "customresourcedefinitions");
const QUOTAS = typeKey("", "resourcequotas");
/** Object-count quota names the quota controller understands without a `count/` prefix. */
const LEGACY_COUNTS: Record<string, string> = {
  configmaps: "configmaps",
  secrets: "secrets",
  resourcequotas: "resourcequotas",
};

export class Controllers {
  private readonly queue = new Map<string, () => void>();
  private scheduled = false;
  private idleWaiters: (() => void)[] = [];
  /** Errors thrown by controller work, kept for debugging rather than crashing the server. */
  readonly errors: unknown[] = [];

  constructor(
    private readonly api: Api,
    private readonly caPem: string,
  ) {
    api.store.onEvent((ev) => this.observe(ev));
  }

  private enqueue(key: string, work: () => void): void {
    this.queue.set(key, work);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.drain());
    }
  }

  private drain(): void {
    // Bounded: controller work may enqueue more work; a runaway loop must not hang the server.
    for (let round = 0; round < 1000 && this.queue.size > 0; round++) {
      const [key, work] = this.queue.entries().next().value as [string, () => void];
      this.queue.delete(key);
      try {
        work();
      } catch (e) {
        this.errors.push(e);
      }
    }
    this.scheduled = false;
    if (this.queue.size > 0) {
      this.scheduled = true;
      setImmediate(() => this.drain());
      return;
    }
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }

  isIdle(): boolean {
    return !this.scheduled && this.queue.size === 0;
  }

  /** Resolves once no controller work is pending. */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private observe(ev: StoreEvent): void {
    const o = ev.object;
    const ns = o.metadata.namespace;
    if (ev.typeKey === NS) {
      const name = o.metadata.name;
      if (ev.type === "ADDED")
        this.enqueue(`ns-defaults/${name}`, () => this.namespaceDefaults(name));
      if (ev.type !== "DELETED" && o.metadata.deletionTimestamp)
        this.enqueue(`ns-finalize/${name}`, () => this.finalizeNamespace(name));
    } else if (ns && ev.type === "DELETED") {
      const owner = this.api.store.get(NS, undefined, ns);
      if (owner?.metadata.deletionTimestamp)
        this.enqueue(`ns-finalize/${ns}`, () => this.finalizeNamespace(ns));
    }
    if (ev.typeKey === NS && ev.type === "DELETED") return;
    if (
      ev.type !== "DELETED" &&
      ((o.metadata.finalizers as string[] | undefined) ?? []).includes(FOREGROUND_FINALIZER) &&
      o.metadata.deletionTimestamp
    ) {
      const key = ev.typeKey;
      this.enqueue(`foreground/${o.metadata.uid}`, () =>
        this.foregroundDelete(key, ns, o.metadata.name),
      );
    }
    if (ev.type === "DELETED") {
      const uid = o.metadata.uid;
      this.enqueue(`gc/${uid}`, () => this.collectDependents(uid));
      // A dependent going away may complete an owner's foreground deletion.
      for (const ref of (o.metadata.ownerReferences as Obj[] | undefined) ?? []) {
        const owner = this.api.store.getByUid(String(ref.uid));
        if (owner?.object.metadata.deletionTimestamp) {
          const { typeKey: ownerKey, object: ownerObj } = owner;
          this.enqueue(`foreground/${ownerObj.metadata.uid}`, () =>
            this.foregroundDelete(ownerKey, ownerObj.metadata.namespace, ownerObj.metadata.name),
          );
        }
      }
    } else if (
      Array.isArray(o.metadata.ownerReferences) &&
      o.metadata.ownerReferences.length > 0 &&
      !o.metadata.deletionTimestamp
    ) {
      const key = ev.typeKey;
      this.enqueue(`owners/${key}/${ns ?? ""}/${o.metadata.name}`, () =>
        this.checkOwners(key, ns, o.metadata.name),
      );
    }
    if (
      ns &&
      (ev.typeKey === QUOTAS || ev.type !== "MODIFIED") &&
      this.api.store.count(QUOTAS, ns) > 0
    ) {
      this.enqueue(`quota/${ns}`, () => this.updateQuotaStatus(ns));
    }
    if (ev.typeKey === CLUSTER_ROLES) this.enqueue("aggregate", () => this.aggregateClusterRoles());
    if (ev.typeKey === CRDS) {
      const name = o.metadata.name;
      this.enqueue(`crd/${name}`, () =>
        this.reconcileCrd(name, ev.type === "DELETED" ? o : undefined),
      );
    }
  }

  private typeOf(key: string): ResourceType | undefined {
    const [group, plural] = splitKey(key);
    return this.api.registry.get(group, plural);
  }

  private deleteObject(type: ResourceType, o: KubeObject): void {
    if (o.metadata.deletionTimestamp) return;
    this.api.delete(
      type,
      type.versions[0] ?? "v1",
      o.metadata.namespace ?? "",
      o.metadata.name,
      { propagationPolicy: "Background" },
      { manager: "kube-controller-manager" },
    );
  }

  private namespaceDefaults(ns: string): void {
    const nsObj = this.api.store.get(NS, undefined, ns);
    if (!nsObj || nsObj.metadata.deletionTimestamp) return;
    const sa = this.api.registry.get("", "serviceaccounts");
    const cm = this.api.registry.get("", "configmaps");
    if (sa && !this.api.store.get(typeKey("", "serviceaccounts"), ns, "default")) {
      this.api.create(
        sa,
        "v1",
        ns,
        { metadata: { name: "default" } },
        { manager: "kube-controller-manager" },
      );
    }
    if (cm && !this.api.store.get(typeKey("", "configmaps"), ns, "kube-root-ca.crt")) {
      this.api.create(
        cm,
        "v1",
        ns,
        {
          metadata: {
            name: "kube-root-ca.crt",
            annotations: {
              "kubernetes.io/description":
                "Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.",
            },
          },
          data: { "ca.crt": this.caPem },
        },
        { manager: "kube-controller-manager" },
      );
    }
  }

  private finalizeNamespace(ns: string): void {
    const nsObj = this.api.store.get(NS, undefined, ns);
    if (!nsObj?.metadata.deletionTimestamp) return;
    for (const key of this.api.store.typeKeys()) {
      const type = this.typeOf(key);
      if (!type?.namespaced) continue;
      for (const o of this.api.store.list(key, ns)) this.deleteObject(type, o);
    }
    // Objects held by their own finalizers keep the namespace Terminating until they are gone.
    if (this.countAll(ns) > 0) return;
    const finalizers = (
      ((nsObj.spec as Obj | undefined)?.finalizers as string[] | undefined) ?? []
    ).filter((f) => f !== "kubernetes");
    const nsType = this.api.registry.get("", "namespaces");
    if (!nsType) return;
    this.api.commitUpdate(
      nsType,
      "v1",
      nsObj,
      { ...nsObj, spec: { ...(nsObj.spec ?? {}), finalizers } },
      { manager: "kube-controller-manager", subresource: "finalize" },
      undefined,
    );
  }

  private countAll(ns: string): number {
    let n = 0;
    for (const key of this.api.store.typeKeys())
      if (this.typeOf(key)?.namespaced) n += this.api.store.count(key, ns);
    return n;
  }

  /** An owner is present only if its uid exists and, for namespaced dependents, it lives in the same namespace or is cluster-scoped. */
  private ownerPresent(uid: string, dependentNs: string | undefined): boolean {
    const found = this.api.store.getByUid(uid);
    if (!found) return false;
    const ownerNs = found.object.metadata.namespace;
    return ownerNs === undefined || ownerNs === dependentNs;
  }

  private checkOwners(key: string, ns: string | undefined, name: string): void {
    const o = this.api.store.get(key, ns, name);
    const type = this.typeOf(key);
    if (!o || !type || o.metadata.deletionTimestamp) return;
    const refs = (o.metadata.ownerReferences as Obj[] | undefined) ?? [];
    if (refs.length === 0) return;
    const present = refs.filter((r) => this.ownerPresent(String(r.uid), ns));
    if (present.length === 0) this.deleteObject(type, o);
    else if (present.length < refs.length) {
      this.api.commitUpdate(
        type,
        type.versions[0] ?? "v1",
        o,
        { ...o, metadata: { ...o.metadata, ownerReferences: present } },
        { manager: "kube-controller-manager" },
        undefined,
      );
    }
  }

  private dependentsOf(uid: string): { key: string; object: KubeObject }[] {
    const out: { key: string; object: KubeObject }[] = [];
    for (const key of this.api.store.typeKeys()) {
      for (const o of this.api.store.list(key)) {
        if (((o.metadata.ownerReferences as Obj[] | undefined) ?? []).some((r) => r.uid === uid))
          out.push({ key, object: o });
      }
    }
    return out;
  }

  private foregroundDelete(key: string, ns: string | undefined, name: string): void {
    const owner = this.api.store.get(key, ns, name);
    const type = this.typeOf(key);
    if (!owner || !type || !owner.metadata.deletionTimestamp) return;
    const finalizers = (owner.metadata.finalizers as string[] | undefined) ?? [];
    if (!finalizers.includes(FOREGROUND_FINALIZER)) return;
    const dependents = this.dependentsOf(owner.metadata.uid);
    for (const d of dependents) {
      const dType = this.typeOf(d.key);
      if (dType && !d.object.metadata.deletionTimestamp) {
        this.api.delete(
          dType,
          dType.versions[0] ?? "v1",
          d.object.metadata.namespace ?? "",
          d.object.metadata.name,
          { propagationPolicy: "Foreground" },
          { manager: "kube-controller-manager" },
        );
      }
    }
    // Only dependents with blockOwnerDeletion hold the owner back, as in the real garbage collector.
    const blocking = this.dependentsOf(owner.metadata.uid).filter((d) =>
      ((d.object.metadata.ownerReferences as Obj[] | undefined) ?? []).some(
        (r) => r.uid === owner.metadata.uid && r.blockOwnerDeletion === true,
      ),
    );
    if (blocking.length > 0) return;
    const remaining = finalizers.filter((f) => f !== FOREGROUND_FINALIZER);
    this.api.commitUpdate(
      type,
      type.versions[0] ?? "v1",
      owner,
      { ...owner, metadata: { ...owner.metadata, finalizers: remaining } },
      { manager: "kube-controller-manager" },
      undefined,
    );
  }

  private collectDependents(uid: string): void {
    for (const key of this.api.store.typeKeys()) {
      for (const o of this.api.store.list(key)) {
        const refs = o.metadata.ownerReferences as Obj[] | undefined;
        if (refs?.some((r) => r.uid === uid))
          this.checkOwners(key, o.metadata.namespace, o.metadata.name);
      }
    }
  }

  /**
   * The quota controller's bookkeeping: status.hard mirrors spec.hard and status.used counts the
   * object-count resources it can (configmaps, secrets, count/<resource>[.<group>]); compute
   * resources read "0" since no pods ever run here. Quotas are not enforced at admission.
   */
  private updateQuotaStatus(ns: string): void {
    const type = this.api.registry.get("", "resourcequotas");
    if (!type) return;
    for (const q of this.api.store.list(QUOTAS, ns)) {
      if (q.metadata.deletionTimestamp) continue;
      const hard = ((q.spec as Obj | undefined)?.hard as Record<string, string> | undefined) ?? {};
      const used: Record<string, string> = {};
      for (const name of Object.keys(hard)) {
        let key: string | undefined;
        const legacy = own(LEGACY_COUNTS, name) as string | undefined;
        if (legacy) key = typeKey("", legacy);
        else if (name.startsWith("count/")) {
          const [plural = "", ...group] = name.slice(6).split(".");
          key = typeKey(group.join("."), plural);
        }
        setOwn(used, name, key ? String(this.api.store.count(key, ns)) : "0");
      }
      const status = { hard, used };
      if (!deepEqual(status, q.status)) {
        this.api.commitUpdate(
          type,
          "v1",
          q,
          { ...q, status },
          { manager: "kube-controller-manager", subresource: "status" },
          undefined,
        );
      }
    }
  }

  private aggregateClusterRoles(): void {
    const type = this.api.registry.get("rbac.authorization.k8s.io", "clusterroles");
    if (!type) return;
    const roles = this.api.store.list(CLUSTER_ROLES);
    for (const role of roles) {
      const rule = role.aggregationRule as { clusterRoleSelectors?: Obj[] } | undefined;
      if (!rule?.clusterRoleSelectors) continue;
      const rules: unknown[] = [];
      const seen = new Set<string>();
      for (const other of roles) {
        if (other.metadata.name === role.metadata.name) continue;
        const labels = other.metadata.labels as Record<string, string> | undefined;
        if (!rule.clusterRoleSelectors.some((s) => matchesLabelSelectorObject(s, labels))) continue;
        for (const r of (other.rules as unknown[] | undefined) ?? []) {
          const k = JSON.stringify(r);
          if (!seen.has(k)) {
            seen.add(k);
            rules.push(r);
          }
        }
      }
      if (!deepEqual(rules, role.rules ?? [])) {
        this.api.commitUpdate(
          type,
          "v1",
          role,
          { ...role, rules },
          { manager: "clusterrole-aggregation-controller" },
          undefined,
        );
      }
    }
  }

  private reconcileCrd(name: string, deleted: KubeObject | undefined): void {
    const crdType = this.api.registry.get("apiextensions.k8s.io", "customresourcedefinitions");
    const crd = deleted ? undefined : this.api.store.get(CRDS, undefined, name);
    if (!crdType) return;
    if (!crd) {
      const gone = deleted ? typeFromCrd(deleted) : undefined;
      if (gone) {
        this.api.registry.remove(gone.group, gone.plural);
        this.api.store.dropType(typeKey(gone.group, gone.plural));
      }
      return;
    }
    const served = typeFromCrd(crd);
    if (crd.metadata.deletionTimestamp) {
      if (served) {
        const key = typeKey(served.group, served.plural);
        const type = this.api.registry.get(served.group, served.plural);
        if (type) for (const o of this.api.store.list(key)) this.deleteObject(type, o);
        if (this.api.store.count(key) > 0) {
          this.enqueue(`crd/${name}`, () => this.reconcileCrd(name, undefined));
          return;
        }
        this.api.registry.remove(served.group, served.plural);
        this.api.store.dropType(key);
      }
      const finalizers = ((crd.metadata.finalizers as string[] | undefined) ?? []).filter(
        (f) => f !== CRD_FINALIZER,
      );
      this.api.commitUpdate(
        crdType,
        "v1",
        crd,
        { ...crd, metadata: { ...crd.metadata, finalizers } },
        { manager: "apiextensions-apiserver" },
        undefined,
      );
      return;
    }
    if (!served) return;
    this.api.registry.add(served);
    const spec = crd.spec as Obj;
    const storage = ((spec.versions as Obj[] | undefined) ?? []).find((v) => v.storage === true)
      ?.name as string | undefined;
    const old = (crd.status as Obj | undefined) ?? {};
    const oldConditions = (old.conditions as Obj[] | undefined) ?? [];
    const cond = (type: string, reason: string, message: string) => {
      const prev = oldConditions.find((c) => c.type === type && c.status === "True");
      return {
        type,
        status: "True",
        lastTransitionTime:
          (prev?.lastTransitionTime as string | undefined) ??
          new Date().toISOString().replace(/\.\d{3}Z$/, "Z"),
        reason,
        message,
      };
    };
    const storedVersions = [
      ...new Set([
        ...((old.storedVersions as string[] | undefined) ?? []),
        ...(storage ? [storage] : []),
      ]),
    ];
    const status = {
      conditions: [
        cond("NamesAccepted", "NoConflicts", "no conflicts found"),
        cond("Established", "InitialNamesAccepted", "the initial names have been accepted"),
      ],
      acceptedNames: spec.names,
      storedVersions,
    };
    if (!deepEqual(status, old)) {
      this.api.commitUpdate(
        crdType,
        "v1",
        crd,
        { ...crd, status },
        { manager: "kube-apiserver", subresource: "status" },
        undefined,
      );
    }
  }
}
