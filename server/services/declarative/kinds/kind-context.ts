// What every kind module gets: the space as it is, the valid documents of the stream by kind, a
// place to report errors (planning), and the ids of what the import has made so far (applying).
import type { TSpaceContext } from "../../context";
import { AppError } from "../../errors";
import type { TPlanItem } from "../plan-types";
import type { TSpaceState } from "../space-state";
import type { TParsedStream } from "../read-stream";

export interface TPlanContext {
  state: TSpaceState;
  stream: TParsedStream;
  error: (index: number, path: string, message: string) => void;
}

export interface TApplyContext {
  /** On the import's transaction. */
  ctx: TSpaceContext;
  state: TSpaceState;
  stream: TParsedStream;
  /** The plan made inside this transaction, by document index. */
  items: Map<number, TPlanItem>;
  /** Ids by name, of what existed and of what the import created. */
  claimIds: Map<string, string>;
  environmentIds: Map<string, string>;
}

/** The documents of one kind that the plan creates or updates. */
export function changing<TEntry extends { index: number }>(
  entries: readonly TEntry[],
  items: Map<number, TPlanItem>,
): { entry: TEntry; item: TPlanItem }[] {
  return entries.flatMap((entry) => {
    const item = items.get(entry.index);
    return item && (item.action === "create" || item.action === "update") ? [{ entry, item }] : [];
  });
}

/** A service refused one document while the plan was applied: which, and why. */
export class DocumentRefused extends Error {
  constructor(
    readonly item: TPlanItem,
    readonly refusal: AppError,
  ) {
    super(`document ${item.index} (${item.kind} ${item.name}): ${refusal.message}`);
    this.name = "DocumentRefused";
  }
}

/**
 * Runs `apply` for each planned change in order. What a service refuses (a quota above the
 * cluster's ceilings, a second dev environment) is reported against the document that asked.
 */
export async function eachChange<TEntry>(
  planned: readonly { entry: TEntry; item: TPlanItem }[],
  apply: (change: { entry: TEntry; item: TPlanItem }) => Promise<void>,
): Promise<void> {
  for (const change of planned) {
    try {
      await apply(change);
    } catch (error) {
      if (error instanceof AppError) throw new DocumentRefused(change.item, error);
      throw error;
    }
  }
}
