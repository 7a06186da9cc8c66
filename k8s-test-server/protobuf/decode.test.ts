// Decoding kube-apiserver's protobuf wire format: bodies captured from kubectl v1.32 (`-v=8`
// hex dumps of `kubectl create … --dry-run=server`, `create token`, `auth can-i`), and bodies
// encoded here with the same message definitions for the types kubectl's commands never send.
import { describe, expect, it } from "vitest";
import { ApiError } from "../status.js";
import { decodeProtobufObject, PROTOBUF_MAGIC, protoRoot } from "./decode.js";
import { requestBodyText } from "./request-body.js";

const captured = (b64: string) => decodeProtobufObject(Buffer.from(b64, "base64"));

function envelope(apiVersion: string, kind: string, message: string, value: object): Buffer {
  const type = protoRoot.lookupType(message);
  const raw = type.encode(type.fromObject(value)).finish();
  const unknown = protoRoot.lookupType("k8s.io.apimachinery.pkg.runtime.Unknown");
  const body = unknown.encode(unknown.fromObject({ typeMeta: { apiVersion, kind }, raw })).finish();
  return Buffer.concat([PROTOBUF_MAGIC, body]);
}

function errorOf(f: () => unknown): ApiError {
  try {
    f();
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error("expected an ApiError");
}

describe("bodies kubectl sent", () => {
  it("create configmap --from-literal --from-file: data and base64 binaryData", () => {
    expect(
      captured(
        "azhzAAoPCgJ2MRIJQ29uZmlnTWFwEiwKFgoEY2ZpeBIAGgJ0MSIAKgAyADgAQgASBgoBYRIBYhoKCgNiaW4SAwAB/xoAIgA=",
      ),
    ).toEqual({
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "cfix", namespace: "t1" },
      data: { a: "b" },
      binaryData: { bin: "AAH/" },
    });
  });

  it("create secret generic: bytes values become base64", () => {
    expect(
      captured("azhzAAoMCgJ2MRIGU2VjcmV0EiIKFgoEc2ZpeBIAGgJ0MSIAKgAyADgAQgASBgoBcBIBcRoAGgAiAA=="),
    ).toEqual({
      apiVersion: "v1",
      kind: "Secret",
      metadata: { name: "sfix", namespace: "t1" },
      data: { p: "cQ==" },
    });
  });

  it("create token --duration=20m: int64 expirationSeconds", () => {
    expect(
      captured(
        "azhzAAooChhhdXRoZW50aWNhdGlvbi5rOHMuaW8vdjESDFRva2VuUmVxdWVzdBIdChAKABIAGgAiACoAMgA4AEIAEgMgsAkaBAoAEgAaACIA",
      ),
    ).toEqual({
      apiVersion: "authentication.k8s.io/v1",
      kind: "TokenRequest",
      metadata: {},
      spec: { expirationSeconds: 1200 },
      status: {},
    });
  });

  it("auth can-i list configmaps -n t1: a SelfSubjectAccessReview", () => {
    const ssar = captured(
      "azhzAAoyChdhdXRob3JpemF0aW9uLms4cy5pby92MRIXU2VsZlN1YmplY3RBY2Nlc3NSZXZpZXcSPgoQCgASABoAIgAqADIAOABCABIgCh4KAnQxEgRsaXN0GgAiACoKY29uZmlnbWFwczIAOgAaCAgAEgAaACAAGgAiAA==",
    );
    expect(ssar.kind).toBe("SelfSubjectAccessReview");
    expect(ssar.spec).toEqual({
      resourceAttributes: { namespace: "t1", verb: "list", resource: "configmaps" },
    });
  });

  it("create rolebinding: roleRef and subjects", () => {
    const rb = captured(
      "azhzAAorChxyYmFjLmF1dGhvcml6YXRpb24uazhzLmlvL3YxEgtSb2xlQmluZGluZxJcChcKBXJiZml4EgAaAnQxIgAqADIAOABCABIaCg5TZXJ2aWNlQWNjb3VudBIAGgJzMSICdDEaJQoZcmJhYy5hdXRob3JpemF0aW9uLms4cy5pbxIEUm9sZRoCcjEaACIA",
    );
    expect(rb).toMatchObject({
      apiVersion: "rbac.authorization.k8s.io/v1",
      subjects: [{ kind: "ServiceAccount", name: "s1", namespace: "t1" }],
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "r1" },
    });
  });

  it("create quota: Quantity messages become strings", () => {
    const q = captured(
      "azhzAAoTCgJ2MRINUmVzb3VyY2VRdW90YRJBChYKBHFmaXgSABoCdDEiACoAMgA4AEIAEiUKCwoEcG9kcxIDCgEzChYKDHJlcXVlc3RzLmNwdRIGCgQ1MDBtGgAaACIA",
    );
    expect(q.spec).toEqual({ hard: { pods: "3", "requests.cpu": "500m" } });
  });
});

describe("well-known types", () => {
  it("Time and MicroTime become RFC 3339 strings; zero times are dropped", () => {
    const ev = decodeProtobufObject(
      envelope("v1", "Event", "k8s.io.api.core.v1.Event", {
        metadata: { name: "e", creationTimestamp: {} },
        firstTimestamp: { seconds: 1_700_000_000 },
        eventTime: { seconds: 1_700_000_000, nanos: 123_456_000 },
        count: 3,
      }),
    );
    expect(ev).toEqual({
      apiVersion: "v1",
      kind: "Event",
      metadata: { name: "e" },
      firstTimestamp: "2023-11-14T22:13:20Z",
      eventTime: "2023-11-14T22:13:20.123456Z",
      count: 3,
    });
  });

  it("IntOrString, label selectors and empty structs", () => {
    const np = decodeProtobufObject(
      envelope("networking.k8s.io/v1", "NetworkPolicy", "k8s.io.api.networking.v1.NetworkPolicy", {
        metadata: { name: "np", labels: { a: "b" } },
        spec: {
          podSelector: {},
          ingress: [
            {
              ports: [
                { protocol: "TCP", port: { type: 0, intVal: 8080 } },
                { port: { type: 1, strVal: "http" } },
              ],
              from: [{ podSelector: { matchLabels: { app: "web" } } }],
            },
          ],
          policyTypes: ["Ingress"],
        },
      }),
    );
    expect(np.spec).toEqual({
      podSelector: {},
      ingress: [
        {
          ports: [{ protocol: "TCP", port: 8080 }, { port: "http" }],
          from: [{ podSelector: { matchLabels: { app: "web" } } }],
        },
      ],
      policyTypes: ["Ingress"],
    });
  });

  it("false booleans are kept (pointer fields such as immutable)", () => {
    const cm = decodeProtobufObject(
      envelope("v1", "ConfigMap", "k8s.io.api.core.v1.ConfigMap", {
        metadata: { name: "c" },
        immutable: false,
      }),
    );
    expect(cm).toEqual({
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "c" },
      immutable: false,
    });
  });

  it("BoundObjectReference.uID is the JSON field uid", () => {
    const tr = decodeProtobufObject(
      envelope(
        "authentication.k8s.io/v1",
        "TokenRequest",
        "k8s.io.api.authentication.v1.TokenRequest",
        {
          spec: { boundObjectRef: { kind: "Secret", name: "s", uID: "1234" } },
        },
      ),
    );
    expect(tr.spec).toEqual({ boundObjectRef: { kind: "Secret", name: "s", uid: "1234" } });
  });
});

describe("refusals", () => {
  it("a kind without a protobuf codec here is 415, like kube-apiserver", () => {
    const err = errorOf(() =>
      decodeProtobufObject(envelope("apps/v1", "Deployment", "k8s.io.api.core.v1.ConfigMap", {})),
    );
    expect(err.code).toBe(415);
    expect(err.reason).toBe("UnsupportedMediaType");
  });

  it("a body without the k8s\\0 magic is 415", () => {
    expect(errorOf(() => decodeProtobufObject(Buffer.from("{}"))).code).toBe(415);
  });

  it("JSON bodies pass through untouched", () => {
    expect(requestBodyText(Buffer.from('{"a":1}'), "application/json")).toBe('{"a":1}');
  });
});
