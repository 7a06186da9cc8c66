// What people may see of a Secret Slipway wrote (an Argo CD repository or cluster Secret): its
// name, labels and keys, never its values. Applied to the observed object before it is stored, so
// neither the database nor any page holds a password, token or key. Each value becomes a fixed
// marker with its size only: a hash would let anyone check a guess against it.

/** kubectl's client-side apply copy of the whole object, values included. */
const LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

export const redactedMarker = (bytes: number) => `<redacted: ${bytes} bytes>`;

function redactValues(
  values: unknown,
  size: (value: string) => number,
): Record<string, string> | undefined {
  if (!isRecord(values)) return undefined;
  return Object.fromEntries(
    Object.entries(values).map(([key, value]) => [
      key,
      redactedMarker(typeof value === "string" ? size(value) : 0),
    ]),
  );
}

// `data` is base64 on the wire: the size people care about is the decoded one.
const decodedBytes = (value: string) => Buffer.from(value, "base64").byteLength;
const textBytes = (value: string) => Buffer.byteLength(value, "utf8");

/** A core Secret in the wire shape with every value replaced; any other object as it is. */
export function redactSecret(object: Record<string, unknown>): Record<string, unknown> {
  if (object.kind !== "Secret" || object.apiVersion !== "v1") return object;
  const { data, stringData, metadata, ...rest } = object;
  const redacted: Record<string, unknown> = { ...rest };
  if (isRecord(metadata)) {
    const { annotations, ...meta } = metadata;
    if (isRecord(annotations)) {
      const { [LAST_APPLIED]: _lastApplied, ...kept } = annotations;
      redacted.metadata = Object.keys(kept).length > 0 ? { ...meta, annotations: kept } : meta;
    } else {
      redacted.metadata = meta;
    }
  }
  const redactedData = redactValues(data, decodedBytes);
  if (redactedData) redacted.data = redactedData;
  const redactedStringData = redactValues(stringData, textBytes);
  if (redactedStringData) redacted.stringData = redactedStringData;
  return redacted;
}
