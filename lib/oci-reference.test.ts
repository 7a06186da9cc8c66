import { describe, expect, it } from "vitest";
import { ociReferenceProblem, parseOciReference } from "./oci-reference";

const DIGEST = `sha256:${"0123456789abcdef".repeat(4)}`;

describe("parseOciReference", () => {
  it.each([
    ["nginx", { domain: null, path: "nginx", tag: null, digest: null }],
    ["library/nginx:1.27", { domain: null, path: "library/nginx", tag: "1.27", digest: null }],
    [
      "quay.io/team/app:v1.4.2",
      { domain: "quay.io", path: "team/app", tag: "v1.4.2", digest: null },
    ],
    [
      "registry.example.com:5000/team/app:latest",
      { domain: "registry.example.com:5000", path: "team/app", tag: "latest", digest: null },
    ],
    ["localhost/app", { domain: "localhost", path: "app", tag: null, digest: null }],
    [`ghcr.io/o/a@${DIGEST}`, { domain: "ghcr.io", path: "o/a", tag: null, digest: DIGEST }],
    [`ghcr.io/o/a:1@${DIGEST}`, { domain: "ghcr.io", path: "o/a", tag: "1", digest: DIGEST }],
    ["[::1]:5000/app:x", { domain: "[::1]:5000", path: "app", tag: "x", digest: null }],
    [
      "Quay.io/team/my_app__x.y-z:TAG_1",
      { domain: "Quay.io", path: "team/my_app__x.y-z", tag: "TAG_1", digest: null },
    ],
  ])("reads %s", (value, reference) => {
    expect(parseOciReference(value)).toEqual({ ok: true, reference });
  });

  it.each([
    ["", "Enter a container image, like quay.io/team/app:1.4.2."],
    ["quay.io/team/app :1", "An image reference has no spaces."],
    [
      "docker://quay.io/app:1",
      "Leave out the scheme (https://, docker://): write registry/path:tag.",
    ],
    ["quay.io/Team/App:1", "The repository path must be lower case."],
    ["App", "The repository path must be lower case."],
    [
      "quay.io/team/app:.hidden",
      "A tag has at most 128 letters, digits, '_', '.' and '-', and does not start with '.' or '-'.",
    ],
    [
      `quay.io/team/app:${"t".repeat(129)}`,
      "A tag has at most 128 letters, digits, '_', '.' and '-', and does not start with '.' or '-'.",
    ],
    [
      "quay.io/team/app@sha256:abc",
      "The digest must look like sha256: followed by its hex digits.",
    ],
    ["quay.io//app", "The image's path has an empty part (two '/' in a row)."],
    [
      "quay.io/team/app-:1",
      "\"app-\" is not a valid path part: use lower-case letters and digits, separated by '.', '_', '__' or '-'.",
    ],
    [
      "bad_host.io/app",
      '"bad_host.io" is not a registry host (a host name or address, optionally :port).',
    ],
    [":tag", "Name the image's repository, like quay.io/team/app."],
    [`quay.io/${"a".repeat(250)}`, "The image's name (without tag) has at most 255 characters."],
  ])("refuses %s", (value, problem) => {
    expect(ociReferenceProblem(value)).toBe(problem);
  });
});
