// Kubernetes resource quantities ("500m", "2", "8Gi", "1.5G") as numbers, so a quota can be
// compared with a cluster's ceilings. Only the forms people write in quotas: decimal numbers with
// an optional SI or binary suffix (no exponent notation).

const SUFFIXES: Record<string, number> = {
  "": 1,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

export const QUANTITY_PATTERN = /^([0-9]+(?:\.[0-9]+)?)(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$/;

/** The quantity's value in base units (cores, bytes, count), or null when it is not a quantity. */
export function parseQuantity(text: string): number | null {
  const match = QUANTITY_PATTERN.exec(text);
  if (!match) return null;
  return Number(match[1]) * SUFFIXES[match[2] ?? ""]!;
}
