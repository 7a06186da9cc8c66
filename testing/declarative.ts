// YAML for declarative import tests: documents in the seed's shapes, built as data and written
// with the `yaml` package so a test states only what it changes.
import { stringify } from "yaml";

export type TYamlDocument = Record<string, unknown>;

/** Documents as one multi-document stream. */
export const yamlStream = (documents: readonly TYamlDocument[]) =>
  documents.map((doc) => stringify(doc)).join("---\n");

const API_VERSION = "appstudio.redhat.com/v1alpha1";

export function applicationDocument(name: string, displayName = name): TYamlDocument {
  return {
    apiVersion: API_VERSION,
    kind: "Application",
    metadata: { name },
    spec: { displayName },
  };
}

export function componentDocument(
  application: string,
  name: string,
  containerImage = `quay.io/team/${name}:1.0.0`,
): TYamlDocument {
  return {
    apiVersion: API_VERSION,
    kind: "Component",
    metadata: {
      name: `${application}-${name}`,
      annotations: {
        "slipway.dev/display-name": name,
        "slipway.dev/gitops-repository-url": "https://git.example.com/team/gitops.git",
        "slipway.dev/gitops-context": `components/${name}`,
        "slipway.dev/gitops-branch": "main",
        "slipway.dev/gitops-type": "kustomize",
      },
    },
    spec: {
      componentName: name,
      application,
      source: { git: { url: `https://git.example.com/team/${name}.git` } },
      containerImage,
    },
  };
}

/** An application with one component "web": the smallest import that creates something. */
export const applicationYaml = (name: string) =>
  yamlStream([applicationDocument(name), componentDocument(name, "web")]);
