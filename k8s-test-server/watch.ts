// Watch streams: newline-delimited {type, object} events, selector transitions turned into
// ADDED/DELETED as the apiserver's cacher does, bookmarks on request, and 410 Expired as an
// ERROR event when the requested resourceVersion has left the event window.
import { type ServerResponse } from "node:http";
import { type Api } from "./api.js";
import { type ResourceType, typeKey } from "./registry.js";
import { statusObject } from "./status.js";
import { type KubeObject, type StoreEvent } from "./store.js";

export interface WatchRegistry {
  add(w: ActiveWatch): void;
  remove(w: ActiveWatch): void;
}

export interface ActiveWatch {
  bookmarks: boolean;
  sendBookmark(): void;
  drop(abrupt: boolean): void;
}

export function serveWatch(
  api: Api,
  type: ResourceType,
  version: string,
  namespace: string,
  query: URLSearchParams,
  res: ServerResponse,
  registry: WatchRegistry,
  /** Re-shapes each event's object (Table watches); identity by default. */
  render: (o: KubeObject) => unknown = (o) => o,
): void {
  const key = typeKey(type.group, type.plural);
  const matches = api.matchesSelectors(type, query);
  const rvParam = query.get("resourceVersion") ?? "";
  const bookmarks = query.get("allowWatchBookmarks") === "true";
  const sendInitial = query.get("sendInitialEvents") === "true";
  const timeoutSeconds = Number(query.get("timeoutSeconds") ?? "0");
  res.writeHead(200, {
    "Content-Type": "application/json",
    "Transfer-Encoding": "chunked",
    "Cache-Control": "no-cache, private",
  });
  res.flushHeaders();
  let lastRv = api.store.currentRv;

  const write = (type: string, object: unknown) => {
    if (!res.writableEnded) res.write(JSON.stringify({ type, object }) + "\n");
  };
  const present = (o: KubeObject) => render(api.present(type, version, o));

  const send = (ev: StoreEvent) => {
    lastRv = ev.rv;
    const now = matches(ev.object) && ev.type !== "DELETED";
    const before = ev.previous ? matches(ev.previous) : false;
    if (ev.type === "DELETED") {
      if (matches(ev.object)) write("DELETED", present(ev.object));
    } else if (now && before) write("MODIFIED", present(ev.object));
    else if (now) write("ADDED", present(ev.object));
    else if (before) write("DELETED", present(ev.object));
  };

  const bookmark = (annotations?: Record<string, string>) => {
    write("BOOKMARK", {
      kind: type.kind,
      apiVersion: type.group ? `${type.group}/${version}` : version,
      metadata: { resourceVersion: String(lastRv), ...(annotations ? { annotations } : {}) },
    });
  };

  let fromRv: number | undefined;
  if (rvParam !== "" && rvParam !== "0" && !sendInitial) {
    fromRv = Number(rvParam);
    if (!Number.isInteger(fromRv) || fromRv < 0) {
      write("ERROR", statusObject(400, "BadRequest", `invalid resource version: ${rvParam}`));
      res.end();
      return;
    }
  }
  if (fromRv === undefined) {
    const namespaced = type.namespaced && namespace ? namespace : undefined;
    for (const o of api.store.list(key, namespaced)) if (matches(o)) write("ADDED", present(o));
    lastRv = api.store.currentRv;
    if (sendInitial && bookmarks) bookmark({ "k8s.io/initial-events-end": "true" });
  }
  const handle = api.store.watch(
    key,
    { ...(type.namespaced && namespace ? { namespace } : {}), send, close: () => res.end() },
    fromRv,
  );
  if (!handle) {
    write(
      "ERROR",
      statusObject(
        410,
        "Expired",
        `too old resource version: ${rvParam} (${api.store.floor(key) + 1})`,
      ),
    );
    res.end();
    return;
  }
  if (fromRv !== undefined) lastRv = Math.max(lastRv, fromRv);

  let timer: NodeJS.Timeout | undefined;
  const active: ActiveWatch = {
    bookmarks,
    sendBookmark: () => {
      if (bookmarks) bookmark();
    },
    drop: (abrupt) => {
      cleanup();
      if (abrupt) res.destroy();
      else res.end();
    },
  };
  const cleanup = () => {
    handle.cancel();
    registry.remove(active);
    if (timer) clearTimeout(timer);
  };
  registry.add(active);
  if (timeoutSeconds > 0) {
    timer = setTimeout(() => {
      cleanup();
      res.end();
    }, timeoutSeconds * 1000);
    timer.unref();
  }
  res.on("close", cleanup);
}
