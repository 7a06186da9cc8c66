// Decodes kube-apiserver's protobuf wire format (`application/vnd.kubernetes.protobuf`) into the
// JSON object a client would have sent: the 4-byte magic `k8s\0`, then a runtime.Unknown
// {typeMeta{apiVersion,kind}, raw, contentEncoding, contentType} whose `raw` is the object's
// message from the upstream generated.proto. kubectl sends typed objects this way.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import protobuf from "protobufjs";
import { ApiError } from "../status.js";
import { SERVED_PROTO_KINDS } from "./kinds.js";

export const PROTOBUF_MEDIA_TYPE = "application/vnd.kubernetes.protobuf";
export const PROTOBUF_MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]); // "k8s\0"

type Json = Record<string, unknown>;

/** The trimmed upstream message definitions (see README.md). */
export const protoRoot = protobuf.Root.fromJSON(
  JSON.parse(readFileSync(join(import.meta.dirname, "k8s-descriptors.json"), "utf8")) as Json,
);
const root = protoRoot;
const unknownType = root.lookupType("k8s.io.apimachinery.pkg.runtime.Unknown");

// generated.proto names fields after the Go field; the JSON name differs in these cases only
// (checked field by field against the published OpenAPI schemas).
const JSON_NAMES: Record<string, string> = {
  "k8s.io.api.authentication.v1.BoundObjectReference.uID": "uid",
};

export function isProtobuf(contentType: string): boolean {
  return contentType.split(";")[0]?.trim() === PROTOBUF_MEDIA_TYPE;
}

/** kube-apiserver's UnsupportedMediaType answer for a body it has no decoder for. */
function unsupported(): ApiError {
  return new ApiError(
    415,
    "UnsupportedMediaType",
    "the body of the request was in an unknown format - accepted media types include: application/json, application/yaml",
  );
}

/** The object in a `k8s\0`-framed body, as JSON; 415 when its kind has no protobuf codec here. */
export function decodeProtobufObject(body: Buffer): Json {
  if (!body.subarray(0, 4).equals(PROTOBUF_MAGIC)) throw unsupported();
  let envelope: { typeMeta?: { apiVersion?: string; kind?: string }; raw?: Uint8Array };
  try {
    envelope = unknownType.decode(body.subarray(4)) as typeof envelope;
  } catch (e) {
    throw new ApiError(
      400,
      "BadRequest",
      `the body of the request could not be decoded: ${(e as Error).message}`,
    );
  }
  const apiVersion = envelope.typeMeta?.apiVersion ?? "";
  const kind = envelope.typeMeta?.kind ?? "";
  const known = SERVED_PROTO_KINDS.find((k) => k.apiVersion === apiVersion && k.kind === kind);
  if (!known) throw unsupported(); // no protobuf codec here for this kind
  const type = root.lookupType(known.message);
  let message: protobuf.Message;
  try {
    message = type.decode(envelope.raw ?? new Uint8Array());
  } catch (e) {
    throw new ApiError(
      400,
      "BadRequest",
      `the body of the request could not be decoded: ${(e as Error).message}`,
    );
  }
  return { apiVersion, kind, ...(messageToJson(type, message) as Json) };
}

function toNumber(v: unknown): number {
  return typeof v === "number" ? v : Number(String(v)); // int64 may arrive as a Long
}

function rfc3339(seconds: number, nanos: number, fractionDigits: number): string {
  const base = new Date(seconds * 1000).toISOString().slice(0, 19);
  if (fractionDigits === 0) return `${base}Z`;
  return `${base}.${String(Math.floor(nanos / 1000)).padStart(6, "0")}Z`;
}

/**
 * The JSON value Kubernetes' own JSON encoding gives a message: the well-known apimachinery
 * types have custom JSON forms; zero scalars are dropped (Go's `omitempty`, and gogo writes
 * non-pointer fields even when empty); empty structs stay `{}` as Go encodes them.
 */
function messageToJson(type: protobuf.Type, message: protobuf.Message | Json): unknown {
  const m = message as Json;
  switch (type.fullName.replace(/^\./, "")) {
    case "k8s.io.apimachinery.pkg.apis.meta.v1.Time": {
      const s = toNumber(m.seconds ?? 0);
      return s === 0 && !m.nanos ? undefined : rfc3339(s, 0, 0);
    }
    case "k8s.io.apimachinery.pkg.apis.meta.v1.MicroTime": {
      const s = toNumber(m.seconds ?? 0);
      return s === 0 && !m.nanos ? undefined : rfc3339(s, toNumber(m.nanos ?? 0), 6);
    }
    case "k8s.io.apimachinery.pkg.api.resource.Quantity":
      return m.string ?? "0";
    case "k8s.io.apimachinery.pkg.util.intstr.IntOrString":
      return toNumber(m.type ?? 0) === 1 ? (m.strVal ?? "") : toNumber(m.intVal ?? 0);
    case "k8s.io.apimachinery.pkg.apis.meta.v1.FieldsV1":
      return parseRawJson(m.Raw);
    case "k8s.io.apimachinery.pkg.runtime.RawExtension":
      return parseRawJson(m.raw);
  }
  const out: Json = {};
  for (const field of type.fieldsArray) {
    if (!Object.prototype.hasOwnProperty.call(m, field.name)) continue;
    const value = m[field.name];
    const name = JSON_NAMES[`${type.fullName.replace(/^\./, "")}.${field.name}`] ?? field.name;
    const converted = convertField(field, value);
    if (converted !== undefined) out[name] = converted;
  }
  return out;
}

function parseRawJson(raw: unknown): unknown {
  if (!(raw instanceof Uint8Array) || raw.length === 0) return undefined;
  return JSON.parse(Buffer.from(raw).toString("utf8")) as unknown;
}

function convertField(field: protobuf.Field, value: unknown): unknown {
  field.resolve();
  if (field instanceof protobuf.MapField) {
    const entries = Object.entries((value ?? {}) as Json);
    if (entries.length === 0) return undefined;
    return Object.fromEntries(entries.map(([k, v]) => [k, convertScalar(field, v, true)]));
  }
  if (field.repeated) {
    const items = (value ?? []) as unknown[];
    if (items.length === 0) return undefined;
    return items.map((v) => convertScalar(field, v, true));
  }
  return convertScalar(field, value, false);
}

function convertScalar(field: protobuf.Field, value: unknown, keepZero: boolean): unknown {
  if (field.resolvedType instanceof protobuf.Type)
    return messageToJson(field.resolvedType, value as Json);
  if (value instanceof Uint8Array) return Buffer.from(value).toString("base64");
  if (field.type === "bool") return value;
  if (typeof value === "string") return value === "" && !keepZero ? undefined : value;
  const n = toNumber(value);
  return n === 0 && !keepZero ? undefined : n;
}
