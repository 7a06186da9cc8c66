// Reads a multi-document YAML stream: parsed with the `yaml` package's core schema (plain data:
// no custom tags, no merge keys, aliases capped), then each document validated by its kind's zod
// schema. Every problem names the document (index, kind, name) and the field.
import { parseAllDocuments } from "yaml";
import type { z } from "zod";
import { KINDS, type TKind } from "./document";
import { applicationIdentity, ZApplicationDocumentSchema } from "./kinds/application";
import { componentIdentity, ZComponentDocumentSchema } from "./kinds/component";
import { claimIdentity, ZClaimDocumentSchema } from "./kinds/deployment-target-claim";
import { environmentIdentity, ZEnvironmentDocumentSchema } from "./kinds/environment";
import { snapshotIdentity, ZSnapshotDocumentSchema } from "./kinds/snapshot";
import { promotionRunIdentity, ZPromotionRunDocumentSchema } from "./kinds/promotion-run";
import { bindingIdentity, ZBindingDocumentSchema } from "./kinds/snapshot-environment-binding";
import type { TDocumentError } from "./plan-types";

export const MAX_YAML_BYTES = 1024 * 1024;
export const MAX_DOCUMENTS = 2000;
const MAX_ALIASES = 100;

const KIND_SCHEMAS = {
  DeploymentTargetClaim: ZClaimDocumentSchema,
  Environment: ZEnvironmentDocumentSchema,
  Application: ZApplicationDocumentSchema,
  Component: ZComponentDocumentSchema,
  Snapshot: ZSnapshotDocumentSchema,
  SnapshotEnvironmentBinding: ZBindingDocumentSchema,
  PromotionRun: ZPromotionRunDocumentSchema,
} satisfies Record<TKind, z.ZodType>;

type TDocumentOf<K extends TKind> = z.infer<(typeof KIND_SCHEMAS)[K]>;

export type TParsedStream = { [K in TKind]: { index: number; doc: TDocumentOf<K> }[] };

const IDENTITIES: { [K in TKind]: (doc: TDocumentOf<K>) => string } = {
  DeploymentTargetClaim: claimIdentity,
  Environment: environmentIdentity,
  Application: applicationIdentity,
  Component: componentIdentity,
  Snapshot: snapshotIdentity,
  SnapshotEnvironmentBinding: bindingIdentity,
  PromotionRun: promotionRunIdentity,
};

/** "spec.components[1].name", with odd keys quoted: metadata.annotations["slipway.dev/type"]. */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path
    .map((key, i) => {
      if (typeof key === "number") return `[${key}]`;
      const text = String(key);
      if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(text)) return i === 0 ? text : `.${text}`;
      return `[${JSON.stringify(text)}]`;
    })
    .join("");
}

const isKind = (kind: unknown): kind is TKind => KINDS.includes(kind as TKind);

function describe(value: unknown): { kind: string | null; name: string | null } {
  if (typeof value !== "object" || value === null) return { kind: null, name: null };
  const record = value as { kind?: unknown; metadata?: { name?: unknown } };
  return {
    kind: typeof record.kind === "string" ? record.kind : null,
    name: typeof record.metadata?.name === "string" ? record.metadata.name : null,
  };
}

export function emptyStream(): TParsedStream {
  return Object.fromEntries(KINDS.map((kind) => [kind, []])) as unknown as TParsedStream;
}

export function readStream(text: string): { stream: TParsedStream; errors: TDocumentError[] } {
  const stream = emptyStream();
  const errors: TDocumentError[] = [];
  const fail = (index: number, value: unknown, path: string, message: string) =>
    errors.push({ index, ...describe(value), path, message });
  if (new TextEncoder().encode(text).length > MAX_YAML_BYTES) {
    fail(0, null, "", `The YAML is larger than ${MAX_YAML_BYTES / 1024} KiB; import it in parts.`);
    return { stream, errors };
  }
  const documents = parseAllDocuments(text, { schema: "core", merge: false, uniqueKeys: true });
  if (!Array.isArray(documents)) return { stream, errors };
  if (documents.length > MAX_DOCUMENTS) {
    fail(0, null, "", `The YAML holds ${documents.length} documents; at most ${MAX_DOCUMENTS}.`);
    return { stream, errors };
  }
  const seen = new Map<string, number>();
  documents.forEach((document, index) => {
    const problems = [...document.errors, ...document.warnings];
    if (problems.length > 0) {
      for (const problem of problems) {
        const line = problem.linePos?.[0].line;
        fail(
          index,
          null,
          "",
          `Not valid YAML${line ? ` (line ${line})` : ""}: ${problem.message.split("\n")[0]}`,
        );
      }
      return;
    }
    let value: unknown;
    try {
      value = document.toJS({ maxAliasCount: MAX_ALIASES });
    } catch (error) {
      fail(index, null, "", `Not valid YAML: ${(error as Error).message}`);
      return;
    }
    if (value === null) return; // an empty document, e.g. after a trailing "---"
    const { kind } = describe(value);
    if (!isKind(kind)) {
      fail(
        index,
        value,
        "kind",
        kind === null
          ? `Every document needs a kind: one of ${KINDS.join(", ")}.`
          : `Slipway does not import kind "${kind}"; it imports ${KINDS.join(", ")}.`,
      );
      return;
    }
    const parsed = KIND_SCHEMAS[kind].safeParse(value);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        fail(index, value, fieldPath(issue.path), issue.message);
      return;
    }
    const identity = `${kind} ${(IDENTITIES[kind] as (doc: unknown) => string)(parsed.data)}`;
    const first = seen.get(identity);
    if (first !== undefined) {
      fail(index, value, "metadata.name", `Document ${first} already declares ${identity}.`);
      return;
    }
    seen.set(identity, index);
    (stream[kind] as { index: number; doc: unknown }[]).push({ index, doc: parsed.data });
  });
  return { stream, errors };
}
