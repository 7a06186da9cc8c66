// Object metadata and built-in type checks with apimachinery's wording.
import { type StatusCause } from "./status.js";

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export type NameRule = "subdomain" | "label" | "path-segment";

export function validateName(name: string, rule: NameRule, field = "metadata.name"): StatusCause[] {
  const bad = (msg: string): StatusCause[] => [
    {
      reason: "FieldValueInvalid",
      field,
      message: `Invalid value: ${JSON.stringify(name)}: ${msg}`,
    },
  ];
  if (rule === "path-segment") {
    if (name === "." || name === "..") return bad(`may not be '${name}'`);
    if (/[/%]/.test(name)) return bad(`may not contain '/' or '%'`);
    return [];
  }
  if (rule === "label") {
    if (name.length > 63) return bad("must be no more than 63 characters");
    if (!DNS1123_LABEL.test(name)) {
      return bad(
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
      );
    }
    return [];
  }
  if (name.length > 253) return bad("must be no more than 253 characters");
  if (!DNS1123_SUBDOMAIN.test(name)) {
    return bad(
      "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    );
  }
  return [];
}

const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const QUALIFIED_NAME =
  /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

export function validateMetadata(meta: Record<string, unknown>): StatusCause[] {
  const causes: StatusCause[] = [];
  const labels = meta.labels;
  if (labels !== undefined && labels !== null) {
    if (typeof labels !== "object" || Array.isArray(labels)) {
      causes.push({
        reason: "FieldValueInvalid",
        field: "metadata.labels",
        message: "Invalid value: must be a map of strings",
      });
    } else {
      for (const [k, v] of Object.entries(labels as Record<string, unknown>)) {
        if (!QUALIFIED_NAME.test(k) || k.length > 316) {
          causes.push({
            reason: "FieldValueInvalid",
            field: "metadata.labels",
            message: `Invalid value: ${JSON.stringify(k)}: name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`,
          });
        }
        if (typeof v !== "string" || v.length > 63 || !LABEL_VALUE.test(v)) {
          causes.push({
            reason: "FieldValueInvalid",
            field: `metadata.labels`,
            message: `Invalid value: ${JSON.stringify(v)}: a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`,
          });
        }
      }
    }
  }
  const annotations = meta.annotations;
  if (annotations !== undefined && annotations !== null) {
    for (const [k, v] of Object.entries(annotations as Record<string, unknown>)) {
      if (typeof v !== "string")
        causes.push({
          reason: "FieldValueInvalid",
          field: `metadata.annotations.${k}`,
          message: "Invalid value: must be a string",
        });
    }
  }
  return causes;
}

const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;

/** ConfigMap/Secret data maps: valid keys, string values (Secret values must be base64). */
export function validateDataMap(
  obj: Record<string, unknown>,
  field: "data" | "binaryData",
  base64: boolean,
): StatusCause[] {
  const data = obj[field];
  if (data === undefined || data === null) return [];
  const causes: StatusCause[] = [];
  if (typeof data !== "object" || Array.isArray(data)) {
    return [
      {
        reason: "FieldValueInvalid",
        field,
        message: `Invalid value: ${field} must be a map of strings`,
      },
    ];
  }
  for (const [k, v] of Object.entries(data as Record<string, unknown>)) {
    if (!CONFIG_KEY.test(k) || k.length > 253) {
      causes.push({
        reason: "FieldValueInvalid",
        field: `${field}[${k}]`,
        message: `Invalid value: ${JSON.stringify(k)}: a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')`,
      });
    }
    if (typeof v !== "string" || (base64 && !/^[A-Za-z0-9+/]*={0,2}$/.test(v))) {
      causes.push({
        reason: "FieldValueInvalid",
        field: `${field}[${k}]`,
        message: `Invalid value: ${base64 ? "illegal base64 data" : "must be a string"}`,
      });
    }
  }
  return causes;
}
