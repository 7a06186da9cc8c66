// List chunking (`limit` / `continue`) as etcd3 storage does it: every page of one list is read at
// the resourceVersion of the first page, and the continue token carries that resourceVersion and
// the key to start after (relative to the listed prefix, so "p2\u0000" within a namespace).
import { ApiError, errors } from "./status.js";
import { type KubeObject, type Store } from "./store.js";

export interface ListPage {
  items: KubeObject[];
  resourceVersion: number;
  /** Token for the next page; absent on the last one. */
  continueToken?: string;
  /** Objects after this page, when that can be known cheaply (no selector). */
  remainingItemCount?: number;
}

export interface PageRequest {
  typeKey: string;
  /** Listed namespace, or undefined for a cluster-wide list. */
  namespace: string | undefined;
  limit: number;
  continueToken: string | null;
  matches: (o: KubeObject) => boolean;
  /** Whether a selector filters the list (upstream then omits remainingItemCount). */
  filtered: boolean;
}

interface Continue {
  rv: number;
  start: string;
}

function encode(c: Continue): string {
  return Buffer.from(JSON.stringify({ v: "meta.k8s.io/v1", ...c })).toString("base64url");
}

function decode(raw: string): Continue {
  const bad = (why: string) =>
    errors.badRequest(`invalid continue token: continue key is not valid: ${why}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
  } catch {
    throw bad("illegal base64 data");
  }
  const c = parsed as Partial<Continue> & { v?: unknown };
  if (c.v !== "meta.k8s.io/v1") throw bad("server does not recognize this encoded key");
  if (typeof c.rv !== "number" || c.rv <= 0 || typeof c.start !== "string")
    throw bad("incorrect encoded start resourceVersion (version meta.k8s.io/v1)");
  return { rv: c.rv, start: c.start };
}

const TOO_OLD =
  "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.";

export function listPage(store: Store, req: PageRequest): ListPage {
  const cont = req.continueToken ? decode(req.continueToken) : undefined;
  const rv = cont?.rv ?? store.currentRv;
  const all = cont
    ? store.listAt(req.typeKey, req.namespace, rv)
    : store.list(req.typeKey, req.namespace);
  if (!all) throw new ApiError(410, "Expired", TOO_OLD);
  // Keys relative to the listed prefix: the name within a namespace, "<ns>/<name>" across them.
  const keyOf = (o: KubeObject) =>
    req.namespace === undefined && o.metadata.namespace !== undefined
      ? `${o.metadata.namespace}/${o.metadata.name}`
      : o.metadata.name;
  // As etcd3's GetList: fill the page with matching objects; once it is full, any further key
  // (matching or not) means "more", so a selector can leave a last page that is empty.
  const items: KubeObject[] = [];
  let after = 0;
  for (const o of all) {
    if (cont && keyOf(o) < cont.start) continue;
    if (req.limit > 0 && items.length >= req.limit) after++;
    else if (req.matches(o)) items.push(o);
  }
  const last = items[items.length - 1];
  if (after === 0 || !last) return { items, resourceVersion: rv };
  return {
    items,
    resourceVersion: rv,
    continueToken: encode({ rv, start: `${keyOf(last)}\u0000` }),
    ...(req.filtered ? {} : { remainingItemCount: after }),
  };
}
