// What wakes the queue besides the informers: NOTIFY on RECONCILE_CHANNEL from any process (a
// change committed in the UI is picked up at once), listened to again after a lost connection, and
// a periodic resync of every key as a backstop for anything missed.
import type { Logger } from "pino";
import type { DatabaseHandle } from "@/db/client";
import { KeyBackoff } from "./backoff";
import type { TScheduler, TTimer } from "./scheduler";
import {
  parseReconcileKey,
  RECONCILE_CHANNEL,
} from "@/server/services/reconcile/request-reconcile";

export interface TWakeupOptions {
  handle: DatabaseHandle;
  scheduler: TScheduler;
  log: Logger;
  onKey: (key: string) => void;
  /** Every key, now and on each resync tick; also after listening again (notifications may be lost). */
  onResync: () => Promise<void>;
  resyncEveryMs: number;
}

export interface TWakeups {
  stop(): Promise<void>;
}

export async function startWakeups(options: TWakeupOptions): Promise<TWakeups> {
  const { handle, scheduler, log } = options;
  const backoff = new KeyBackoff({ baseMs: 500, capMs: 30_000 });
  let stopped = false;
  let unlisten: (() => Promise<void>) | undefined;
  let timer: TTimer | undefined;
  let resyncTimer: TTimer | undefined;

  const resync = () =>
    options.onResync().catch((error: unknown) => log.warn({ err: error }, "resync failed"));

  const listen = async (): Promise<void> => {
    if (stopped) return;
    try {
      unlisten = await handle.listen(
        RECONCILE_CHANNEL,
        (payload) => {
          if (parseReconcileKey(payload)) options.onKey(payload);
          else log.warn({ payload }, "ignored a malformed reconcile notification");
        },
        (error) => {
          log.warn({ err: error }, "lost the reconcile notification connection; listening again");
          void unlisten?.();
          unlisten = undefined;
          timer = scheduler.after(backoff.next("listen"), () => void relisten());
        },
      );
      backoff.forget("listen");
    } catch (error) {
      log.warn({ err: error }, "could not listen for reconcile notifications; retrying");
      timer = scheduler.after(backoff.next("listen"), () => void relisten());
    }
  };
  // Notifications sent while nobody listened are gone: enqueue everything once listening again.
  const relisten = async () => {
    await listen();
    if (unlisten) await resync();
  };

  const scheduleResync = () => {
    if (stopped) return;
    resyncTimer = scheduler.after(options.resyncEveryMs, () => {
      void resync().finally(scheduleResync);
    });
  };

  await listen();
  await resync();
  scheduleResync();

  return {
    stop: async () => {
      stopped = true;
      timer?.cancel();
      resyncTimer?.cancel();
      await unlisten?.();
    },
  };
}
