// Extracts the Kubernetes `generated.proto` message definitions the test server needs to decode
// kubectl's protobuf request bodies — from the kubectl binary itself, so nothing is downloaded.
//
//   npx tsx k8s-test-server/protobuf/extract-descriptors.ts [/usr/bin/kubectl]
//
// Go binaries built with gogo/golang protobuf register every .proto file with its
// FileDescriptorProto gzipped into the binary. We find the gzip member headers, inflate each one,
// keep the descriptors of the files below, and write the message types the served kinds reach
// (transitively) as a protobufjs Root JSON: `k8s-descriptors.json`. See README.md.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { inflateRawSync } from "node:zlib";
import protobuf from "protobufjs";
import descriptor from "protobufjs/ext/descriptor.js";
import { SERVED_PROTO_KINDS } from "./kinds.js";

const binary = process.argv[2] ?? "/usr/bin/kubectl";
const outFile = join(import.meta.dirname, "k8s-descriptors.json");

const WANTED_FILES = [
  "k8s.io/api/core/v1/generated.proto",
  "k8s.io/api/networking/v1/generated.proto",
  "k8s.io/api/rbac/v1/generated.proto",
  "k8s.io/api/authorization/v1/generated.proto",
  "k8s.io/api/authentication/v1/generated.proto",
  "k8s.io/apimachinery/pkg/apis/meta/v1/generated.proto",
  "k8s.io/apimachinery/pkg/runtime/generated.proto",
  "k8s.io/apimachinery/pkg/runtime/schema/generated.proto",
  "k8s.io/apimachinery/pkg/api/resource/generated.proto",
  "k8s.io/apimachinery/pkg/util/intstr/generated.proto",
];

// gzip member header with mtime 0, as Go's compress/gzip writes it for embedded descriptors.
const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00]);

type FileDescriptor = { name?: string; package?: string; dependency?: string[] };

function embeddedDescriptors(bin: Buffer): Map<string, FileDescriptor> {
  const found = new Map<string, FileDescriptor>();
  for (let i = bin.indexOf(GZIP_HEADER); i >= 0; i = bin.indexOf(GZIP_HEADER, i + 1)) {
    let fd: FileDescriptor;
    try {
      // Raw-inflate from after the 10-byte header: stops at the end of this member, so two
      // descriptors stored back to back are not merged into one.
      const raw = inflateRawSync(bin.subarray(i + 10, i + 10 + 4_000_000));
      fd = descriptor.FileDescriptorProto.decode(raw) as unknown as FileDescriptor;
    } catch {
      continue; // some other gzip stream (or a false match)
    }
    if (fd.name?.endsWith(".proto") && !found.has(fd.name)) found.set(fd.name, fd);
  }
  return found;
}

/** Full names of the messages reachable from the served kinds' messages. */
function reachableTypes(root: protobuf.Root, roots: string[]): Set<string> {
  const seen = new Set<string>();
  const visit = (t: protobuf.Type) => {
    const name = t.fullName.replace(/^\./, "");
    if (seen.has(name)) return;
    seen.add(name);
    for (const f of t.fieldsArray) {
      f.resolve();
      if (f.resolvedType instanceof protobuf.Type) visit(f.resolvedType);
    }
    for (const nested of t.nestedArray) if (nested instanceof protobuf.Type) visit(nested);
  };
  for (const r of roots) visit(root.lookupType(r));
  return seen;
}

/** A Root JSON holding only `keep` (top-level messages; their nested map-entry types come along). */
function trimmedJson(root: protobuf.Root, keep: Set<string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const full of [...keep].sort()) {
    const t = root.lookupType(full);
    if (!(t.parent instanceof protobuf.Namespace) || t.parent instanceof protobuf.Type) continue;
    let ns = out;
    for (const part of t.parent.fullName.replace(/^\./, "").split(".")) {
      const next = (ns[part] ??= { nested: {} }) as { nested: Record<string, unknown> };
      ns = next.nested;
    }
    const json = t.toJSON() as { comment?: unknown };
    delete json.comment;
    ns[t.name] = json;
  }
  return { nested: out };
}

const bin = readFileSync(binary);
const all = embeddedDescriptors(bin);
const files = WANTED_FILES.map((name) => {
  const fd = all.get(name);
  if (!fd) throw new Error(`${binary} embeds no descriptor for ${name}`);
  // gogo.proto only carries Go code-generation options; dropping the import keeps the set closed.
  return { ...fd, dependency: (fd.dependency ?? []).filter((d) => WANTED_FILES.includes(d)) };
});
// Root.fromDescriptor is added by the descriptor extension imported above.
const root = protobuf.Root.fromDescriptor({ file: files }, { keepCase: true });
root.resolveAll();
const roots = [
  ...SERVED_PROTO_KINDS.map((k) => k.message),
  "k8s.io.apimachinery.pkg.runtime.Unknown",
];
const keep = reachableTypes(root, roots);
const version = execFileSync(binary, ["version", "--client"], { encoding: "utf8" }).trim();
const json = {
  source: `${binary}: ${version.split("\n")[0] ?? ""}`,
  files: WANTED_FILES,
  ...trimmedJson(root, keep),
};
writeFileSync(outFile, JSON.stringify(json, null, 2) + "\n");
console.log(`wrote ${outFile}: ${keep.size} message types from ${files.length} files`);
