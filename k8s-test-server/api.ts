// The resource verbs: create, get, list, update, patch (merge, JSON, strategic-as-merge, apply),
// delete and deletecollection, with the apiserver's metadata rules, preconditions, managed fields,
// finalizers and dry-run. Controllers use the same entry points, so they obey the same rules.
import { randomBytes, randomUUID } from "node:crypto";
import { parse as parseYaml } from "yaml";
import { deepEqual, isPlainObject, setOwn, str } from "./json.js";
import {
  apply,
  conflictMessage,
  type ManagedFieldsEntry,
  pathString,
  type Scope,
  updateManagedFields,
  withMetaSchema,
} from "./managed-fields.js";
import { type OpenApiSchema, validateCustomResource } from "./openapi.js";
import { typedPatchErrors, typedPatchMessage } from "./typed-patch.js";
import { listPage } from "./paging.js";
import { jsonPatch, mergePatch } from "./patch.js";
import { type ResourceType, type Registry, typeKey, writeSchema } from "./registry.js";
import {
  matchesFields,
  matchesLabels,
  parseFieldSelector,
  parseLabelSelector,
} from "./selectors.js";
import { ApiError, errors, type StatusCause, successStatus } from "./status.js";
import { type KubeObject, type Store } from "./store.js";
import { type NameRule, validateDataMap, validateMetadata, validateName } from "./validation.js";

type Obj = Record<string, unknown>;

export interface WriteOptions {
  manager: string;
  dryRun?: boolean;
  subresource?: string;
  /** Admission-like check on the final object (RBAC escalation); absent for controllers. */
  admit?: (type: ResourceType, namespace: string, obj: Obj) => void;
}

export interface Result {
  status: number;
  body: unknown;
}

const NAMESPACE_FINALIZER = "kubernetes";
export const CRD_FINALIZER = "customresourcecleanup.apiextensions.k8s.io";
export const FOREGROUND_FINALIZER = "foregroundDeletion";
const PROTECTED_NAMESPACES = new Set(["default", "kube-system", "kube-public"]);

/** A write that names a resourceVersion must name the stored one (optimistic concurrency). */
function assertCurrentVersion(
  type: ResourceType,
  name: string,
  old: KubeObject,
  resourceVersion: unknown,
): void {
  if (resourceVersion !== undefined && resourceVersion !== old.metadata.resourceVersion) {
    throw errors.conflict(
      type.plural,
      type.group,
      name,
      "the object has been modified; please apply your changes to the latest version and try again",
    );
  }
}

export function nowIso(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
}

function meta(o: Obj): Obj {
  return (o.metadata as Obj | undefined) ?? {};
}

export function apiVersionOf(type: ResourceType, version: string): string {
  return type.group ? `${type.group}/${version}` : version;
}

function nameRule(type: ResourceType): NameRule {
  if (type.plural === "namespaces") return "label";
  if (type.group === "rbac.authorization.k8s.io") return "path-segment";
  return "subdomain";
}

function qualifiedKind(type: ResourceType): string {
  return type.group ? `${type.kind}.${type.group}` : type.kind;
}

/** Everything but metadata and status: what metadata.generation tracks. */
function specPart(o: Obj, withStatus: boolean): Obj {
  const out: Obj = {};
  for (const [k, v] of Object.entries(o))
    if (k !== "metadata" && (withStatus || k !== "status") && k !== "apiVersion" && k !== "kind")
      setOwn(out, k, v);
  return out;
}

/** apiVersion, kind, metadata first, as the apiserver serialises objects. */
function ordered(o: Obj): KubeObject {
  const { apiVersion, kind, metadata, ...rest } = o;
  return { apiVersion, kind, metadata, ...rest } as KubeObject;
}

function stripManagedTimes(o: Obj): Obj {
  const m = meta(o);
  const mf = m.managedFields as ManagedFieldsEntry[] | undefined;
  if (!mf) return o;
  return { ...o, metadata: { ...m, managedFields: mf.map(({ time: _t, ...rest }) => rest) } };
}

const SUPPORTED_PATCH = new Set([
  "application/json-patch+json",
  "application/merge-patch+json",
  "application/strategic-merge-patch+json",
  "application/apply-patch+yaml",
]);

export class Api {
  constructor(
    readonly store: Store,
    readonly registry: Registry,
  ) {}

  schemaFor(type: ResourceType, version: string): OpenApiSchema {
    return withMetaSchema(type.schemas?.get(version));
  }

  /** Objects are stored under the version they were written with; reads present the requested one. */
  present(type: ResourceType, version: string, obj: KubeObject): KubeObject {
    const apiVersion = apiVersionOf(type, version);
    return obj.apiVersion === apiVersion && obj.kind === type.kind
      ? obj
      : { ...obj, apiVersion, kind: type.kind };
  }

  private requireNamespace(
    type: ResourceType,
    namespace: string,
    forCreate: boolean,
    name: string,
  ): void {
    if (!type.namespaced) return;
    const ns = this.store.get(typeKey("", "namespaces"), undefined, namespace);
    if (!ns) throw errors.notFound("namespaces", "", namespace);
    if (forCreate && meta(ns).deletionTimestamp) {
      throw errors.forbidden(
        `${type.plural}${type.group ? "." + type.group : ""} "${name}" is forbidden: unable to create new content in namespace ${namespace} because it is being terminated`,
        {
          name,
          group: type.group,
          kind: type.plural,
          causes: [
            {
              reason: "NamespaceTerminating",
              message: `namespace ${namespace} is being terminated`,
              field: "metadata.namespace",
            },
          ],
        },
      );
    }
  }

  get(type: ResourceType, version: string, namespace: string, name: string): KubeObject {
    const obj = this.store.get(
      typeKey(type.group, type.plural),
      type.namespaced ? namespace : undefined,
      name,
    );
    if (!obj) throw errors.notFound(type.plural, type.group, name);
    return this.present(type, version, obj);
  }

  list(type: ResourceType, version: string, namespace: string, query: URLSearchParams): Obj {
    const labels = parseLabelSelector(query.get("labelSelector"));
    const fields = parseFieldSelector(query.get("fieldSelector"), this.fieldSelectorsFor(type));
    const page = listPage(this.store, {
      typeKey: typeKey(type.group, type.plural),
      namespace: type.namespaced && namespace ? namespace : undefined,
      limit: Number(query.get("limit") ?? "0"),
      continueToken: query.get("continue"),
      matches: (o) =>
        matchesLabels(labels, meta(o).labels as Record<string, string> | undefined) &&
        matchesFields(fields, o),
      filtered: labels.length > 0 || fields.length > 0,
    });
    const listMeta: Obj = { resourceVersion: String(page.resourceVersion) };
    if (page.continueToken !== undefined) listMeta.continue = page.continueToken;
    if (page.remainingItemCount !== undefined)
      listMeta.remainingItemCount = page.remainingItemCount;
    return {
      kind: type.listKind,
      apiVersion: apiVersionOf(type, version),
      metadata: listMeta,
      items: page.items.map((o) => {
        // Built-in list items carry no apiVersion/kind on the wire; custom resources keep them.
        if (!type.builtin) return this.present(type, version, o);
        const { apiVersion: _a, kind: _k, ...rest } = o;
        return rest;
      }),
    };
  }

  fieldSelectorsFor(type: ResourceType): Set<string> {
    return new Set([
      "metadata.name",
      ...(type.namespaced ? ["metadata.namespace"] : []),
      ...type.fieldSelectors,
    ]);
  }

  matchesSelectors(type: ResourceType, query: URLSearchParams): (o: KubeObject) => boolean {
    const labels = parseLabelSelector(query.get("labelSelector"));
    const fields = parseFieldSelector(query.get("fieldSelector"), this.fieldSelectorsFor(type));
    return (o) =>
      matchesLabels(labels, meta(o).labels as Record<string, string> | undefined) &&
      matchesFields(fields, o);
  }

  // ---- create ----

  create(
    type: ResourceType,
    version: string,
    namespace: string,
    body: unknown,
    opts: WriteOptions,
  ): Result {
    const obj = this.checkBody(type, version, namespace, body, undefined);
    const m = { ...meta(obj) };
    if (m.resourceVersion !== undefined && m.resourceVersion !== "") {
      // What the apiserver's storage layer answers (as a 500) when a client re-creates a read object verbatim.
      throw errors.internal("resourceVersion should not be set on objects to be created");
    }
    if (!m.name && typeof m.generateName === "string" && m.generateName) {
      m.name = `${m.generateName}${randomBytes(4).toString("hex").slice(0, 5)}`;
    }
    if (!m.name)
      throw this.invalid(type, "", [
        {
          reason: "FieldValueRequired",
          field: "metadata.name",
          message: "Required value: name or generateName is required",
        },
      ]);
    obj.metadata = m;
    const created = this.prepareNew(type, version, namespace, obj, opts, "Update", undefined);
    return { status: 201, body: this.commitCreate(type, version, created, opts) };
  }

  private checkBody(
    type: ResourceType,
    version: string,
    namespace: string,
    body: unknown,
    urlName: string | undefined,
  ): Obj {
    if (!isPlainObject(body))
      throw errors.badRequest("the body of the request could not be decoded as an object");
    const obj: Obj = { ...body };
    const apiVersion = apiVersionOf(type, version);
    if (obj.kind !== undefined && obj.kind !== type.kind) {
      throw errors.badRequest(
        `${str(obj.kind)} in version "${version}" cannot be handled as a ${type.kind}: the kind in the body does not match the request`,
      );
    }
    if (obj.apiVersion !== undefined && obj.apiVersion !== apiVersion) {
      throw errors.badRequest(
        `the API version in the data (${str(obj.apiVersion)}) does not match the expected API version (${apiVersion})`,
      );
    }
    obj.apiVersion = apiVersion;
    obj.kind = type.kind;
    const m: Obj = isPlainObject(obj.metadata) ? { ...obj.metadata } : {};
    if (type.namespaced) {
      if (m.namespace !== undefined && m.namespace !== "" && m.namespace !== namespace) {
        throw errors.badRequest(
          "the namespace of the provided object does not match the namespace sent on the request",
        );
      }
      m.namespace = namespace;
    } else delete m.namespace;
    if (urlName !== undefined) {
      if (m.name !== undefined && m.name !== urlName)
        throw errors.badRequest(
          "the name of the object (" +
            str(m.name) +
            ") does not match the name on the URL (" +
            urlName +
            ")",
        );
      m.name = urlName;
    }
    obj.metadata = m;
    return obj;
  }

  private invalid(type: ResourceType, name: string, causes: StatusCause[]): ApiError {
    return errors.invalid(qualifiedKind(type), type.kind, type.group, name, causes);
  }

  /** Type-specific defaulting and validation shared by create and update. */
  private normalize(
    type: ResourceType,
    version: string,
    obj: Obj,
    old: KubeObject | undefined,
  ): Obj {
    const name = str(meta(obj).name);
    const causes: StatusCause[] = [
      ...(old ? [] : validateName(name, nameRule(type))),
      ...validateMetadata(meta(obj)),
    ];
    let out = obj;
    if (type.builtin && type.group === "" && type.plural === "secrets") {
      out = { ...out };
      if (isPlainObject(out.stringData)) {
        const data: Obj = { ...(isPlainObject(out.data) ? out.data : {}) };
        for (const [k, v] of Object.entries(out.stringData))
          setOwn(data, k, Buffer.from(String(v), "utf8").toString("base64"));
        out.data = data;
      }
      delete out.stringData;
      if (out.type === undefined) out.type = "Opaque";
      if (old && old.type !== out.type)
        causes.push({
          reason: "FieldValueInvalid",
          field: "type",
          message: "Invalid value: field is immutable",
        });
      causes.push(...validateDataMap(out, "data", true));
    }
    if (
      type.builtin &&
      type.group === "" &&
      (type.plural === "configmaps" || type.plural === "secrets") &&
      old?.immutable === true
    ) {
      for (const field of ["data", "binaryData", "immutable"]) {
        if (!deepEqual(old[field], out[field])) {
          causes.push({
            reason: "FieldValueForbidden",
            field,
            message: "Forbidden: field is immutable when `immutable` is set",
          });
        }
      }
    }
    if (type.builtin && type.group === "" && type.plural === "configmaps") {
      causes.push(
        ...validateDataMap(out, "data", false),
        ...validateDataMap(out, "binaryData", true),
      );
    }
    if (type.builtin && type.plural === "namespaces") {
      out = {
        ...out,
        metadata: {
          ...meta(out),
          labels: {
            ...((meta(out).labels as Obj | undefined) ?? {}),
            "kubernetes.io/metadata.name": name,
          },
        },
      };
    }
    if (type.plural === "customresourcedefinitions" && type.group === "apiextensions.k8s.io")
      causes.push(...validateCrd(out));
    const schema = writeSchema(type, version);
    if (schema) out = validateCustomResource(schema, out, causes);
    if (causes.length > 0) throw this.invalid(type, name, causes);
    return out;
  }

  private prepareNew(
    type: ResourceType,
    version: string,
    namespace: string,
    obj: Obj,
    opts: WriteOptions,
    op: "Update" | "Apply",
    applied: ManagedFieldsEntry[] | undefined,
  ): KubeObject {
    const name = String(meta(obj).name);
    this.requireNamespace(type, namespace, true, name);
    let out = this.normalize(type, version, obj, undefined);
    if (type.statusSubresource && type.plural !== "namespaces") {
      out = { ...out };
      delete out.status;
    }
    if (type.plural === "namespaces" && type.group === "") {
      out = { ...out, spec: { finalizers: [NAMESPACE_FINALIZER] }, status: { phase: "Active" } };
    }
    const m: Obj = { ...meta(out) };
    if (type.plural === "customresourcedefinitions")
      m.finalizers = [
        ...new Set([...((m.finalizers as string[] | undefined) ?? []), CRD_FINALIZER]),
      ];
    for (const k of [
      "uid",
      "resourceVersion",
      "creationTimestamp",
      "deletionTimestamp",
      "deletionGracePeriodSeconds",
      "generation",
      "selfLink",
      "managedFields",
    ])
      delete m[k];
    m.uid = randomUUID();
    m.creationTimestamp = nowIso();
    if (type.generation || !type.builtin) m.generation = 1;
    out = { ...out, metadata: m };
    const apiVersion = apiVersionOf(type, version);
    m.managedFields =
      op === "Apply"
        ? applied
        : updateManagedFields({
            old: undefined,
            next: out,
            schema: this.schemaFor(type, version),
            manager: opts.manager,
            apiVersion,
            subresource: "",
            scope: this.scope(type, ""),
            now: String(m.creationTimestamp),
          });
    if ((m.managedFields as unknown[] | undefined)?.length === 0) delete m.managedFields;
    return out as KubeObject;
  }

  private commitCreate(
    type: ResourceType,
    version: string,
    obj: KubeObject,
    opts: WriteOptions,
  ): KubeObject {
    const key = typeKey(type.group, type.plural);
    if (this.store.get(key, obj.metadata.namespace, obj.metadata.name))
      throw errors.alreadyExists(type.plural, type.group, obj.metadata.name);
    opts.admit?.(type, obj.metadata.namespace ?? "", obj);
    if (opts.dryRun) return this.present(type, version, obj);
    const rv = this.store.nextRv();
    const stored = ordered({ ...obj, metadata: { ...obj.metadata, resourceVersion: String(rv) } });
    this.store.write(key, "ADDED", stored, rv);
    return this.present(type, version, stored);
  }

  private scope(type: ResourceType, subresource: string): Scope {
    if (subresource === "status") return "status";
    return type.statusSubresource ? "main" : "all";
  }

  // ---- update ----

  update(
    type: ResourceType,
    version: string,
    namespace: string,
    name: string,
    body: unknown,
    opts: WriteOptions,
  ): Result {
    const old = this.store.get(
      typeKey(type.group, type.plural),
      type.namespaced ? namespace : undefined,
      name,
    );
    if (!old) throw errors.notFound(type.plural, type.group, name);
    const obj = this.checkBody(type, version, namespace, body, name);
    // An update without a resourceVersion (or with "") is unconditional, as upstream.
    const rv = meta(obj).resourceVersion;
    assertCurrentVersion(type, name, old, rv === "" ? undefined : rv);
    return this.commitUpdate(type, version, old, obj, opts, undefined);
  }

  /**
   * Applies apiserver update rules to a candidate: immutable metadata carried over, status or
   * main part reset per subresource, generation bumped on spec changes, managed fields updated,
   * and no write at all when nothing changed.
   */
  commitUpdate(
    type: ResourceType,
    version: string,
    old: KubeObject,
    candidate: Obj,
    opts: WriteOptions,
    appliedManaged: ManagedFieldsEntry[] | undefined,
  ): Result {
    const sub = opts.subresource ?? "";
    let next: Obj = candidate;
    if (sub === "status") {
      next = { ...old, status: candidate.status };
      if (next.status === undefined) delete next.status;
    } else if (sub === "finalize") {
      next = {
        ...old,
        spec: {
          ...(old.spec ?? {}),
          finalizers: (candidate.spec as Obj | undefined)?.finalizers ?? [],
        },
      };
    } else {
      if (type.statusSubresource) {
        next = { ...next };
        if (old.status === undefined) delete next.status;
        else next.status = old.status;
      }
      if (type.plural === "namespaces" && type.group === "") next = { ...next, spec: old.spec };
      next = this.normalize(type, version, next, old);
    }
    const om = old.metadata;
    const m: Obj = { ...meta(next) };
    m.name = om.name;
    if (type.namespaced) m.namespace = om.namespace;
    m.uid = om.uid;
    m.creationTimestamp = om.creationTimestamp;
    if (om.deletionTimestamp !== undefined) {
      m.deletionTimestamp = om.deletionTimestamp;
      m.deletionGracePeriodSeconds = om.deletionGracePeriodSeconds;
      const added = ((m.finalizers as string[] | undefined) ?? []).filter(
        (f) => !((om.finalizers as string[] | undefined) ?? []).includes(f),
      );
      if (added.length > 0) {
        throw this.invalid(type, om.name, [
          {
            reason: "FieldValueForbidden",
            field: "metadata.finalizers",
            message: `Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{${added.map((f) => JSON.stringify(f)).join(", ")}}`,
          },
        ]);
      }
    } else {
      delete m.deletionTimestamp;
      delete m.deletionGracePeriodSeconds;
    }
    if (Array.isArray(m.finalizers) && m.finalizers.length === 0) delete m.finalizers;
    if (om.generation !== undefined) {
      // Without a status subresource, status is ordinary content and bumps generation too.
      const specChanged =
        sub === "" &&
        !deepEqual(specPart(old, !type.statusSubresource), specPart(next, !type.statusSubresource));
      m.generation = specChanged ? Number(om.generation) + 1 : om.generation;
    } else delete m.generation;
    m.resourceVersion = om.resourceVersion;
    next = { ...next, metadata: m };
    const now = nowIso();
    m.managedFields =
      appliedManaged ??
      updateManagedFields({
        old,
        next,
        schema: this.schemaFor(type, version),
        manager: opts.manager,
        apiVersion: apiVersionOf(type, version),
        subresource: sub,
        scope: this.scope(type, sub),
        now,
      });
    if ((m.managedFields as unknown[]).length === 0) delete m.managedFields;
    if (deepEqual(stripManagedTimes(next), stripManagedTimes(old)))
      return { status: 200, body: this.present(type, version, old) };
    opts.admit?.(type, str(m.namespace), next);
    const finished =
      m.deletionTimestamp !== undefined &&
      !(m.finalizers as string[] | undefined)?.length &&
      !this.namespaceHasFinalizers(type, next);
    if (opts.dryRun) return { status: 200, body: this.present(type, version, next as KubeObject) };
    const rv = this.store.nextRv();
    m.resourceVersion = String(rv);
    const key = typeKey(type.group, type.plural);
    const stored = ordered(next);
    this.store.write(key, finished ? "DELETED" : "MODIFIED", stored, rv);
    return { status: 200, body: this.present(type, version, stored) };
  }

  private namespaceHasFinalizers(type: ResourceType, obj: Obj): boolean {
    return (
      type.plural === "namespaces" &&
      type.group === "" &&
      (((obj.spec as Obj | undefined)?.finalizers as string[] | undefined)?.length ?? 0) > 0
    );
  }

  // ---- patch ----

  patch(
    type: ResourceType,
    version: string,
    namespace: string,
    name: string,
    contentType: string,
    rawBody: string,
    query: URLSearchParams,
    opts: WriteOptions,
  ): Result {
    const ct = contentType.split(";")[0]?.trim() ?? "";
    if (!SUPPORTED_PATCH.has(ct)) throw errors.unsupportedMediaType(ct);
    if (ct === "application/apply-patch+yaml")
      return this.apply(type, version, namespace, name, rawBody, query, opts);
    if (ct === "application/strategic-merge-patch+json" && !type.builtin) {
      throw new ApiError(
        415,
        "UnsupportedMediaType",
        `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml`,
      );
    }
    if (query.get("force") !== null)
      throw this.invalid(type, name, [
        {
          reason: "FieldValueForbidden",
          field: "force",
          message: "Forbidden: may not be specified for non-apply patch",
        },
      ]);
    const old = this.store.get(
      typeKey(type.group, type.plural),
      type.namespaced ? namespace : undefined,
      name,
    );
    if (!old) throw errors.notFound(type.plural, type.group, name);
    let body: unknown;
    try {
      body = JSON.parse(rawBody);
    } catch {
      throw errors.badRequest("error decoding patch: invalid JSON");
    }
    const current = this.present(type, version, old);
    const patched =
      ct === "application/json-patch+json" ? jsonPatch(current, body) : mergePatch(current, body);
    if (!isPlainObject(patched)) throw errors.badRequest("patched object is not an object");
    const obj = this.checkBody(type, version, namespace, patched, name);
    assertCurrentVersion(type, name, old, meta(obj).resourceVersion);
    return this.commitUpdate(type, version, old, obj, opts, undefined);
  }

  apply(
    type: ResourceType,
    version: string,
    namespace: string,
    name: string,
    rawBody: string,
    query: URLSearchParams,
    opts: WriteOptions,
  ): Result {
    const manager = query.get("fieldManager");
    if (!manager) {
      throw new ApiError(
        422,
        "Invalid",
        `PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch`,
        {
          group: "meta.k8s.io",
          kind: "PatchOptions",
          causes: [
            {
              reason: "FieldValueRequired",
              message: "Required value: is required for apply patch",
              field: "fieldManager",
            },
          ],
        },
      );
    }
    const force = query.get("force") === "true";
    let parsed: unknown;
    try {
      parsed = rawBody.trimStart().startsWith("{") ? JSON.parse(rawBody) : parseYaml(rawBody);
    } catch (e) {
      throw errors.badRequest(`error decoding YAML: ${(e as Error).message}`);
    }
    if (!isPlainObject(parsed))
      throw errors.badRequest("the body of the request could not be decoded as an object");
    const apiVersion = apiVersionOf(type, version);
    if (parsed.apiVersion !== apiVersion || parsed.kind !== type.kind) {
      throw errors.badRequest(
        `the API version in the data (${String(parsed.apiVersion)}) does not match the expected API version (${apiVersion})`,
      );
    }
    const appliedMeta = parsed.metadata as Obj | undefined;
    if (Array.isArray(appliedMeta?.managedFields) && appliedMeta.managedFields.length > 0) {
      throw errors.badRequest("metadata.managedFields must be nil");
    }
    const applied = this.checkBody(type, version, namespace, parsed, name);
    const schema = this.schemaFor(type, version);
    const sub = opts.subresource ?? "";
    const scope = this.scope(type, sub);
    this.assertTyped(type, version, applied);
    // Defaults and value checks (enum, int-or-string…) on the applied configuration; nothing is
    // left to prune once assertTyped has passed.
    const appliedClean = this.validateApplied(type, version, applied);
    const key = typeKey(type.group, type.plural);
    const old = this.store.get(key, type.namespaced ? namespace : undefined, name);
    const now = nowIso();
    const result = apply({
      live: old ? this.present(type, version, old) : undefined,
      applied: appliedClean,
      schema,
      manager,
      force,
      apiVersion,
      subresource: sub,
      scope,
      now,
    });
    if (result.conflicts.length > 0) {
      const message = conflictMessage(result.conflicts);
      throw new ApiError(409, "Conflict", message, {
        causes: result.conflicts.map((c): StatusCause => ({
          reason: "FieldManagerConflict",
          message: `conflict with ${c.manager}`,
          field: pathString(c.path),
        })),
      });
    }
    if (!old) {
      if (sub) throw errors.notFound(type.plural, type.group, name);
      const created = this.prepareNew(
        type,
        version,
        namespace,
        { ...result.object, apiVersion, kind: type.kind },
        { ...opts, manager },
        "Apply",
        result.managedFields,
      );
      return { status: 201, body: this.commitCreate(type, version, created, opts) };
    }
    const rv = meta(applied).resourceVersion;
    if (rv !== undefined && rv !== old.metadata.resourceVersion) {
      throw errors.conflict(
        type.plural,
        type.group,
        name,
        "the object has been modified; please apply your changes to the latest version and try again",
      );
    }
    return this.commitUpdate(
      type,
      version,
      old,
      result.object,
      { ...opts, manager },
      result.managedFields,
    );
  }

  /** Apply never prunes: unknown fields and wrong shapes refuse the request (see typed-patch.ts). */
  private assertTyped(type: ResourceType, version: string, obj: Obj): void {
    const schema = writeSchema(type, version);
    if (!schema) return;
    const errs = typedPatchErrors(schema, obj);
    if (errs.length === 0) return;
    const m = meta(obj);
    // Go's GroupVersionKind.String(): "/v1, Kind=ConfigMap" for the core group.
    const where = `${str(m.namespace)}/${str(m.name)}; ${type.group}/${version}, Kind=${type.kind}`;
    // Not a metav1.Status error upstream, so the Status carries code 500 and no reason.
    throw new ApiError(500, "", typedPatchMessage(errs, where));
  }

  private validateApplied(type: ResourceType, version: string, obj: Obj): Obj {
    const schema = writeSchema(type, version);
    if (!schema) return obj;
    const causes: StatusCause[] = [];
    const out = validateCustomResource(schema, obj, causes);
    // Required-field errors are judged on the merged object, not on the partial configuration.
    const hard = causes.filter((c) => c.reason !== "FieldValueRequired");
    if (hard.length > 0) throw this.invalid(type, str(meta(obj).name), hard);
    return out;
  }

  // ---- delete ----

  delete(
    type: ResourceType,
    version: string,
    namespace: string,
    name: string,
    options: Obj,
    opts: WriteOptions,
  ): Result {
    const key = typeKey(type.group, type.plural);
    const old = this.store.get(key, type.namespaced ? namespace : undefined, name);
    if (!old) throw errors.notFound(type.plural, type.group, name);
    if (type.builtin && type.plural === "namespaces" && PROTECTED_NAMESPACES.has(name)) {
      throw errors.forbidden(
        `namespaces "${name}" is forbidden: this namespace may not be deleted`,
        { name, group: "", kind: "namespaces" },
      );
    }
    const pre = options.preconditions as Obj | undefined;
    if (pre?.uid !== undefined && pre.uid !== old.metadata.uid) {
      throw errors.conflict(
        type.plural,
        type.group,
        name,
        `Precondition failed: UID in precondition: ${str(pre.uid)}, UID in object meta: ${old.metadata.uid}`,
      );
    }
    if (
      pre?.resourceVersion !== undefined &&
      pre.resourceVersion !== old.metadata.resourceVersion
    ) {
      throw errors.conflict(
        type.plural,
        type.group,
        name,
        `Precondition failed: ResourceVersion in precondition: ${str(pre.resourceVersion)}, ResourceVersion in object meta: ${old.metadata.resourceVersion}`,
      );
    }
    const policy =
      (options.propagationPolicy as string | undefined) ??
      (options.orphanDependents === true ? "Orphan" : undefined);
    let finalizers = (old.metadata.finalizers as string[] | undefined) ?? [];
    // Foreground: the owner stays (with the foregroundDeletion finalizer) until the garbage
    // collector has deleted its dependents; Orphan on a finalized object works the same way.
    const extra = policy === "Foreground" ? FOREGROUND_FINALIZER : undefined;
    if (extra && old.metadata.deletionTimestamp === undefined && type.plural !== "namespaces")
      finalizers = [...new Set([...finalizers, extra])];
    const waits = finalizers.length > 0 || this.namespaceHasFinalizers(type, old);
    if (waits) {
      if (old.metadata.deletionTimestamp !== undefined)
        return { status: 200, body: this.present(type, version, old) };
      const m: Obj = {
        ...old.metadata,
        deletionTimestamp: nowIso(),
        deletionGracePeriodSeconds: 0,
        ...(finalizers.length ? { finalizers } : {}),
      };
      let next: Obj = { ...old, metadata: m };
      if (type.plural === "namespaces" && type.group === "")
        next = { ...next, status: { ...(old.status ?? {}), phase: "Terminating" } };
      if (opts.dryRun)
        return { status: 200, body: this.present(type, version, next as KubeObject) };
      if (policy === "Orphan") this.orphanDependents(old.metadata.uid);
      const rv = this.store.nextRv();
      m.resourceVersion = String(rv);
      this.store.write(key, "MODIFIED", next as KubeObject, rv);
      return { status: 200, body: this.present(type, version, next as KubeObject) };
    }
    if (opts.dryRun)
      return {
        status: 200,
        body: successStatus({ name, group: type.group, kind: type.plural, uid: old.metadata.uid }),
      };
    if (policy === "Orphan") this.orphanDependents(old.metadata.uid);
    const rv = this.store.nextRv();
    const gone = {
      ...old,
      metadata: { ...old.metadata, resourceVersion: String(rv) },
    } as KubeObject;
    this.store.write(key, "DELETED", gone, rv);
    // Built-in kinds answer a Status; custom resources return the deleted object.
    if (type.builtin && type.plural !== "namespaces") {
      return {
        status: 200,
        body: successStatus({ name, group: type.group, kind: type.plural, uid: old.metadata.uid }),
      };
    }
    return { status: 200, body: this.present(type, version, gone) };
  }

  deleteCollection(
    type: ResourceType,
    version: string,
    namespace: string,
    query: URLSearchParams,
    options: Obj,
    opts: WriteOptions,
  ): Result {
    const filter = this.matchesSelectors(type, query);
    const items: unknown[] = [];
    for (const o of this.store.list(
      typeKey(type.group, type.plural),
      type.namespaced && namespace ? namespace : undefined,
    )) {
      if (!filter(o)) continue;
      items.push(
        this.delete(type, version, o.metadata.namespace ?? "", o.metadata.name, options, opts).body,
      );
    }
    return {
      status: 200,
      body: {
        kind: type.listKind,
        apiVersion: apiVersionOf(type, version),
        metadata: { resourceVersion: String(this.store.currentRv) },
        items,
      },
    };
  }

  /** What the garbage collector does for propagationPolicy=Orphan: strip the owner from dependents. */
  private orphanDependents(uid: string): void {
    for (const key of this.store.typeKeys()) {
      const [group, plural] = splitKey(key);
      const type = this.registry.get(group, plural);
      if (!type) continue;
      for (const o of this.store.list(key)) {
        const refs = o.metadata.ownerReferences as Obj[] | undefined;
        if (!refs?.some((r) => r.uid === uid)) continue;
        const remaining = refs.filter((r) => r.uid !== uid);
        const m: Obj = { ...o.metadata, ownerReferences: remaining };
        if (remaining.length === 0) delete m.ownerReferences;
        this.commitUpdate(
          type,
          type.versions[0] ?? "v1",
          o,
          { ...o, metadata: m },
          { manager: "kube-controller-manager" },
          undefined,
        );
      }
    }
  }
}

export function splitKey(key: string): [string, string] {
  const i = key.lastIndexOf("/");
  return [key.slice(0, i), key.slice(i + 1)];
}

function validateCrd(crd: Obj): StatusCause[] {
  const causes: StatusCause[] = [];
  const spec = (crd.spec as Obj | undefined) ?? {};
  const names = (spec.names as Obj | undefined) ?? {};
  const group = spec.group as string | undefined;
  if (!group)
    causes.push({ reason: "FieldValueRequired", field: "spec.group", message: "Required value" });
  if (!names.plural)
    causes.push({
      reason: "FieldValueRequired",
      field: "spec.names.plural",
      message: "Required value",
    });
  if (!names.kind)
    causes.push({
      reason: "FieldValueRequired",
      field: "spec.names.kind",
      message: "Required value",
    });
  if (spec.scope !== "Namespaced" && spec.scope !== "Cluster") {
    causes.push({
      reason: "FieldValueNotSupported",
      field: "spec.scope",
      message: `Unsupported value: ${JSON.stringify(spec.scope ?? "")}: supported values: "Cluster", "Namespaced"`,
    });
  }
  const expected = `${String(names.plural)}.${String(group)}`;
  if (names.plural && group && meta(crd).name !== expected) {
    causes.push({
      reason: "FieldValueInvalid",
      field: "metadata.name",
      message: `Invalid value: ${JSON.stringify(meta(crd).name)}: must be spec.names.plural+"."+spec.group`,
    });
  }
  const versions = (spec.versions as Obj[] | undefined) ?? [];
  if (versions.length === 0)
    causes.push({
      reason: "FieldValueInvalid",
      field: "spec.versions",
      message: "Invalid value: must have exactly one version marked as storage version",
    });
  else if (versions.filter((v) => v.storage === true).length !== 1) {
    causes.push({
      reason: "FieldValueInvalid",
      field: "spec.versions",
      message: "Invalid value: must have exactly one version marked as storage version",
    });
  }
  return causes;
}
