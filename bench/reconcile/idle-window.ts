// The idle phase: API traffic during `seconds` after every environment is Ready, sampled every
// 250 ms so the report can say when the last write came — a tail of convergence passes right after
// Ready reads differently from writes that keep coming in steady state.
import { performance } from "node:perf_hooks";
import { difference, type TMeterReading, type TRequestMeter } from "./request-meter";

const SAMPLE_MS = 250;

export interface TIdleWindow {
  traffic: TMeterReading;
  /** Seconds into the window of the sample that first saw the last write; null if none. */
  lastWriteSeconds: number | null;
}

export async function idleWindow(meter: TRequestMeter, seconds: number): Promise<TIdleWindow> {
  const start = meter.read();
  const began = performance.now();
  let writes = 0;
  let lastWriteSeconds: number | null = null;
  while (performance.now() - began < seconds * 1000) {
    await new Promise((resolve) => setTimeout(resolve, SAMPLE_MS));
    const now = difference(meter.read(), start).writes;
    if (now > writes) lastWriteSeconds = (performance.now() - began) / 1000;
    writes = now;
  }
  return { traffic: difference(meter.read(), start), lastWriteSeconds };
}
