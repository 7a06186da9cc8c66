// In-memory object store. Stored objects are never mutated (every write stores a new object), so
// readers and watch events can share them without copying. resourceVersion is one global counter,
// as with etcd's revision; each type keeps a bounded event window for watch resumption.

export type KubeObject = Record<string, unknown> & {
  metadata: Record<string, unknown> & {
    name: string;
    namespace?: string;
    resourceVersion: string;
    uid: string;
  };
};

export type EventType = "ADDED" | "MODIFIED" | "DELETED";

export interface StoreEvent {
  type: EventType;
  typeKey: string;
  object: KubeObject;
  /** The previous version, for watchers whose selector the object moved into or out of. */
  previous?: KubeObject;
  rv: number;
}

export interface Watcher {
  namespace?: string;
  send(ev: StoreEvent): void;
  /** Called when the type stops being served (its CRD was deleted). */
  close?(): void;
}

interface Table {
  objects: Map<string, KubeObject>;
  history: StoreEvent[];
  /** Events with rv > floor are all in `history`; older positions answer 410 Expired. */
  floor: number;
  watchers: Set<Watcher>;
}

const objKey = (namespace: string | undefined, name: string) => `${namespace ?? ""}/${name}`;

export class Store {
  private rv: number;
  private readonly startRv: number;
  private readonly tables = new Map<string, Table>();
  private readonly listeners: ((ev: StoreEvent) => void)[] = [];
  private readonly byUid = new Map<string, { typeKey: string; object: KubeObject }>();

  constructor(
    private readonly historyLimit = 1000,
    startRv = 1000,
  ) {
    this.rv = startRv;
    this.startRv = startRv;
  }

  get currentRv(): number {
    return this.rv;
  }

  private table(typeKey: string): Table {
    let t = this.tables.get(typeKey);
    if (!t) {
      t = { objects: new Map(), history: [], floor: this.startRv, watchers: new Set() };
      this.tables.set(typeKey, t);
    }
    return t;
  }

  get(typeKey: string, namespace: string | undefined, name: string): KubeObject | undefined {
    return this.tables.get(typeKey)?.objects.get(objKey(namespace, name));
  }

  getByUid(uid: string): { typeKey: string; object: KubeObject } | undefined {
    return this.byUid.get(uid);
  }

  /** Objects sorted by namespace then name, the order etcd keys give a real apiserver. */
  list(typeKey: string, namespace?: string): KubeObject[] {
    const t = this.tables.get(typeKey);
    return t ? sortedIn(t.objects.values(), namespace) : [];
  }

  /**
   * The objects as they were at resourceVersion `rv` (what a continued list reads, as etcd serves
   * a paged list from one revision), rebuilt by undoing the retained events after `rv`. Undefined
   * when `rv` is older than the retained window, where etcd would have compacted it.
   */
  listAt(typeKey: string, namespace: string | undefined, rv: number): KubeObject[] | undefined {
    const t = this.tables.get(typeKey);
    if (!t) return [];
    if (rv < t.floor) return undefined;
    const objects = new Map(t.objects);
    for (let i = t.history.length - 1; i >= 0; i--) {
      const ev = t.history[i] as StoreEvent;
      if (ev.rv <= rv) break;
      const key = objKey(ev.object.metadata.namespace, ev.object.metadata.name);
      if (ev.type === "ADDED") objects.delete(key);
      else if (ev.previous) objects.set(key, ev.previous);
    }
    return sortedIn(objects.values(), namespace);
  }

  count(typeKey: string, namespace?: string): number {
    const t = this.tables.get(typeKey);
    if (!t) return 0;
    if (namespace === undefined) return t.objects.size;
    let n = 0;
    for (const o of t.objects.values()) if (o.metadata.namespace === namespace) n++;
    return n;
  }

  typeKeys(): string[] {
    return [...this.tables.keys()];
  }

  /** Reserves the next resourceVersion; the caller stamps it into the object it then writes. */
  nextRv(): number {
    return ++this.rv;
  }

  write(typeKey: string, type: EventType, object: KubeObject, rv: number): void {
    const t = this.table(typeKey);
    const key = objKey(object.metadata.namespace, object.metadata.name);
    const previous = t.objects.get(key);
    if (type === "DELETED") {
      t.objects.delete(key);
      this.byUid.delete(object.metadata.uid);
    } else {
      t.objects.set(key, object);
      this.byUid.set(object.metadata.uid, { typeKey, object });
    }
    const ev: StoreEvent = { type, typeKey, object, rv, ...(previous ? { previous } : {}) };
    t.history.push(ev);
    if (t.history.length > this.historyLimit) {
      const dropped = t.history.splice(0, t.history.length - this.historyLimit);
      t.floor = dropped[dropped.length - 1]?.rv ?? t.floor;
    }
    for (const w of t.watchers) {
      if (w.namespace === undefined || w.namespace === object.metadata.namespace) w.send(ev);
    }
    for (const l of this.listeners) l(ev);
  }

  onEvent(listener: (ev: StoreEvent) => void): void {
    this.listeners.push(listener);
  }

  /**
   * Registers a watcher from `fromRv`, replaying retained events after it; returns undefined when
   * that position has left the window (the caller answers 410 Expired).
   */
  watch(
    typeKey: string,
    watcher: Watcher,
    fromRv: number | undefined,
  ): { cancel: () => void; floor: number } | undefined {
    const t = this.table(typeKey);
    if (fromRv !== undefined) {
      if (fromRv < t.floor) return undefined;
      for (const ev of t.history) {
        if (
          ev.rv > fromRv &&
          (watcher.namespace === undefined || watcher.namespace === ev.object.metadata.namespace)
        )
          watcher.send(ev);
      }
    }
    t.watchers.add(watcher);
    return { cancel: () => t.watchers.delete(watcher), floor: t.floor };
  }

  floor(typeKey: string): number {
    return this.table(typeKey).floor;
  }

  /** Drops every type's event window, as etcd compaction does. */
  compact(): void {
    for (const t of this.tables.values()) {
      t.history = [];
      t.floor = this.rv;
    }
  }

  dropType(typeKey: string): void {
    const t = this.tables.get(typeKey);
    if (!t) return;
    for (const o of t.objects.values()) this.byUid.delete(o.metadata.uid);
    this.tables.delete(typeKey);
    for (const w of t.watchers) w.close?.();
  }
}

function sortedIn(objects: Iterable<KubeObject>, namespace: string | undefined): KubeObject[] {
  const out: KubeObject[] = [];
  for (const o of objects)
    if (namespace === undefined || o.metadata.namespace === namespace) out.push(o);
  out.sort((a, b) =>
    compareKeys(
      objKey(a.metadata.namespace, a.metadata.name),
      objKey(b.metadata.namespace, b.metadata.name),
    ),
  );
  return out;
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
