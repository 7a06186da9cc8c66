// Kubernetes resource quantities ("500m", "1Gi", "2", "1e3") as exact numbers, so a quota can be
// checked against a cluster's ceilings in the form and on the server alike. Values are kept as
// BigInt milli-units: every suffix Kubernetes accepts is a whole number of milli-units except
// the sub-milli ones (n, u), which round up as the API server does.

// The grammar of apimachinery's resource.Quantity: a signed decimal, then a binary suffix, a
// decimal suffix or a decimal exponent.
const QUANTITY =
  /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?\d+)?$/;

const BINARY: Record<string, bigint> = {
  Ki: 1024n,
  Mi: 1024n ** 2n,
  Gi: 1024n ** 3n,
  Ti: 1024n ** 4n,
  Pi: 1024n ** 5n,
  Ei: 1024n ** 6n,
};
const DECIMAL_EXPONENT: Record<string, number> = {
  n: -9,
  u: -6,
  m: -3,
  "": 0,
  k: 3,
  M: 6,
  G: 9,
  T: 12,
  P: 15,
  E: 18,
};

export function isQuantity(value: string): boolean {
  return QUANTITY.test(value);
}

/** The quantity in milli-units (rounded up), or null when it is not a quantity. */
export function parseQuantity(value: string): bigint | null {
  const match = QUANTITY.exec(value);
  if (!match) return null;
  const [, sign = "", number = "", suffix = ""] = match;
  const [whole = "", fraction = ""] = number.split(".");
  // The digits as an integer, and the power of ten that scales them back.
  let mantissa = BigInt((whole || "0") + fraction);
  let exponent = -fraction.length + 3; // + 3: milli-units
  if (suffix in BINARY) {
    mantissa *= BINARY[suffix]!;
  } else if (/^[eE]/.test(suffix)) {
    exponent += Number(suffix.slice(1));
  } else {
    exponent += DECIMAL_EXPONENT[suffix]!;
  }
  let milli: bigint;
  if (exponent >= 0) {
    milli = mantissa * 10n ** BigInt(exponent);
  } else {
    const divisor = 10n ** BigInt(-exponent);
    milli = (mantissa + divisor - 1n) / divisor;
  }
  return sign === "-" ? -milli : milli;
}

/** -1, 0 or 1 as a is less than, equal to or greater than b. Throws on a non-quantity. */
export function compareQuantities(a: string, b: string): number {
  const left = parseQuantity(a);
  const right = parseQuantity(b);
  if (left === null || right === null) throw new Error(`not a quantity: ${left === null ? a : b}`);
  return left < right ? -1 : left > right ? 1 : 0;
}
