// Request bodies are read with kube-apiserver's cap (--max-request-body-bytes, 3 MiB by
// default): the count is kept while the stream is read, so an oversized upload is refused after
// limit + 1 bytes instead of being buffered whole.
import { type IncomingMessage } from "node:http";
import { errors } from "./status.js";

export const MAX_REQUEST_BODY_BYTES = 3 * 1024 * 1024;

export function readLimitedBody(
  req: IncomingMessage,
  limit = MAX_REQUEST_BODY_BYTES,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) {
        chunks.push(chunk);
        return;
      }
      // Stop keeping bytes; the stream keeps flowing into the void so the client can finish
      // sending and read the 413 on a connection that stays usable.
      req.off("data", onData);
      chunks.length = 0;
      reject(errors.requestEntityTooLarge(limit));
    };
    req.on("data", onData);
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}
