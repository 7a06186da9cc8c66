// Request bodies as the JSON text the resource verbs parse: protobuf bodies (kubectl's choice
// for built-in kinds) are decoded and re-serialised; JSON and YAML pass through unchanged.
import { decodeProtobufObject, isProtobuf } from "./decode.js";

export function requestBodyText(raw: Buffer, contentType: string): string {
  if (raw.length > 0 && isProtobuf(contentType)) return JSON.stringify(decodeProtobufObject(raw));
  return raw.toString("utf8");
}
