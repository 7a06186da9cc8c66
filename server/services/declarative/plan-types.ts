// What an import plan says about each document, and the errors that stop it.
import { isDeepStrictEqual } from "node:util";
import type { TKind } from "./document";

export type TPlanAction = "create" | "update" | "unchanged" | "refused";

export interface TFieldChange {
  field: string;
  before: string;
  after: string;
}

export interface TPlanItem {
  /** The document's position in the stream, from 0. */
  index: number;
  kind: TKind;
  name: string;
  action: TPlanAction;
  /** For an update: what changes, field by field. */
  changes: TFieldChange[];
  /** For a refusal: why, in words. */
  reason: string | null;
  /** Things to know that do not stop the import (a private repository's credential missing). */
  notes: string[];
}

/** A document that cannot be read, validated or resolved; any error stops the whole import. */
export interface TDocumentError {
  index: number;
  kind: string | null;
  name: string | null;
  /** Where in the document, e.g. "spec.components[1].containerImage"; "" for the whole document. */
  path: string;
  message: string;
}

export interface TPlan {
  items: TPlanItem[];
  errors: TDocumentError[];
  /** True when there are no errors, nothing is refused and something would change. */
  applicable: boolean;
}

/** How a value shows in a diff: strings as they are, everything else as compact JSON. */
function shown(value: unknown): string {
  if (value === undefined || value === null) return "";
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** The fields of two views of one object that differ. */
export function diffViews<TView extends object>(before: TView, after: TView): TFieldChange[] {
  return (Object.keys(after) as (keyof TView & string)[])
    .filter((field) => !isDeepStrictEqual(before[field], after[field]))
    .map((field) => ({ field, before: shown(before[field]), after: shown(after[field]) }));
}

/** An item for one document: create, update with a diff, unchanged — or refused by `immutable`. */
export function planItem<TView extends object>(
  base: { index: number; kind: TKind; name: string; notes?: string[] },
  before: TView | null,
  after: TView,
  immutable: { fields: readonly (keyof TView & string)[]; reason: string } | null,
): TPlanItem {
  const common = { ...base, notes: base.notes ?? [], reason: null };
  if (!before) return { ...common, action: "create", changes: [] };
  const changes = diffViews(before, after);
  const frozen = changes.filter((c) => immutable?.fields.includes(c.field as keyof TView & string));
  if (immutable && frozen.length > 0) {
    return { ...common, action: "refused", changes: frozen, reason: immutable.reason };
  }
  return { ...common, action: changes.length > 0 ? "update" : "unchanged", changes };
}

export function refused(
  base: { index: number; kind: TKind; name: string },
  reason: string,
): TPlanItem {
  return { ...base, action: "refused", changes: [], reason, notes: [] };
}
