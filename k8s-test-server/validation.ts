// Object metadata and built-in type checks with apimachinery's wording.
import { isPlainObject, str } from "./json.js";
import { type StatusCause } from "./status.js";

// apimachinery's util/validation: each check returns every message that applies, and each message
// becomes one field error (`Invalid value: "<value>": <message>`).
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const QUALIFIED_NAME_FMT = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
const QUALIFIED_NAME = new RegExp(`^${QUALIFIED_NAME_FMT}$`);
const LABEL_VALUE = new RegExp(`^(${QUALIFIED_NAME_FMT})?$`);
/** metadata.annotations: keys and values together, in bytes. */
export const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

/** Go's validation.RegexError: the message, examples and the regex it was checked with. */
function regexError(msg: string, fmt: string, ...examples: string[]): string {
  return `${msg} (e.g. ${examples.map((e) => `'${e}', `).join(" or ")}regex used for validation is '${fmt}')`;
}

const maxLenError = (n: number) => `must be no more than ${n} characters`;

/** A length limit and a pattern, each reported on its own, as apimachinery's checks do. */
function lengthAndPattern(value: string, max: number, re: RegExp, patternError: string): string[] {
  const errs: string[] = [];
  if (value.length > max) errs.push(maxLenError(max));
  if (!re.test(value)) errs.push(patternError);
  return errs;
}

const DNS1123_SUBDOMAIN_ERROR = regexError(
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
  "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*",
  "example.com",
);
const DNS1123_LABEL_ERROR = regexError(
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character",
  "[a-z0-9]([-a-z0-9]*[a-z0-9])?",
  "my-name",
  "123-abc",
);
const LABEL_VALUE_ERROR = regexError(
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
  `(${QUALIFIED_NAME_FMT})?`,
  "MyValue",
  "my_value",
  "12345",
);

const dns1123SubdomainErrors = (v: string) =>
  lengthAndPattern(v, 253, DNS1123_SUBDOMAIN, DNS1123_SUBDOMAIN_ERROR);
const dns1123LabelErrors = (v: string) =>
  lengthAndPattern(v, 63, DNS1123_LABEL, DNS1123_LABEL_ERROR);

/** IsValidLabelValue: empty, or a name part of at most 63 characters. */
export const labelValueErrors = (v: string) =>
  lengthAndPattern(v, 63, LABEL_VALUE, LABEL_VALUE_ERROR);

const QUALIFIED_NAME_MSG =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

/** IsQualifiedName: label keys and annotation keys, `[prefix/]name`. */
export function qualifiedNameErrors(value: string): string[] {
  const nameRegexError = regexError(
    QUALIFIED_NAME_MSG,
    QUALIFIED_NAME_FMT,
    "MyName",
    "my.name",
    "123-abc",
  );
  const parts = value.split("/");
  if (parts.length > 2)
    return [
      `a qualified name ${nameRegexError} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ];
  const errs: string[] = [];
  const name = parts[parts.length - 1] ?? "";
  if (parts.length === 2) {
    const prefix = parts[0] ?? "";
    if (prefix === "") errs.push("prefix part must be non-empty");
    else errs.push(...dns1123SubdomainErrors(prefix).map((m) => `prefix part ${m}`));
  }
  if (name === "") errs.push("name part must be non-empty");
  else if (name.length > 63) errs.push(`name part ${maxLenError(63)}`);
  if (!QUALIFIED_NAME.test(name)) errs.push(`name part ${nameRegexError}`);
  return errs;
}

function invalid(field: string, value: unknown, messages: string[]): StatusCause[] {
  return messages.map((m) => ({
    reason: "FieldValueInvalid",
    field,
    message: `Invalid value: ${JSON.stringify(value)}: ${m}`,
  }));
}

export type NameRule = "subdomain" | "label" | "path-segment";

export function validateName(name: string, rule: NameRule, field = "metadata.name"): StatusCause[] {
  if (rule === "path-segment") {
    if (name === "." || name === "..") return invalid(field, name, [`may not be '${name}'`]);
    if (/[/%]/.test(name)) return invalid(field, name, [`may not contain '/' or '%'`]);
    return [];
  }
  return invalid(
    field,
    name,
    rule === "label" ? dns1123LabelErrors(name) : dns1123SubdomainErrors(name),
  );
}

/** The entries of a labels/annotations map; a value that is not a map is one cause. */
function mapEntries(field: string, value: unknown, causes: StatusCause[]): [string, unknown][] {
  if (value === undefined || value === null) return [];
  if (isPlainObject(value)) return Object.entries(value);
  causes.push({
    reason: "FieldValueInvalid",
    field,
    message: "Invalid value: must be a map of strings",
  });
  return [];
}

function validateLabels(labels: unknown): StatusCause[] {
  const field = "metadata.labels";
  const causes: StatusCause[] = [];
  for (const [k, v] of mapEntries(field, labels, causes)) {
    causes.push(...invalid(field, k, qualifiedNameErrors(k)));
    if (typeof v !== "string") causes.push(...invalid(field, v, ["must be a string"]));
    else causes.push(...invalid(field, v, labelValueErrors(v)));
  }
  return causes;
}

function validateAnnotations(annotations: unknown): StatusCause[] {
  const field = "metadata.annotations";
  const causes: StatusCause[] = [];
  let size = 0;
  for (const [k, v] of mapEntries(field, annotations, causes)) {
    // Annotation keys follow the label key rules, except that case does not matter.
    causes.push(...invalid(field, k, qualifiedNameErrors(k.toLowerCase())));
    if (typeof v !== "string") causes.push(...invalid(`${field}.${k}`, v, ["must be a string"]));
    size += Buffer.byteLength(k) + Buffer.byteLength(str(v));
  }
  if (size > TOTAL_ANNOTATION_SIZE_LIMIT)
    causes.push({
      reason: "FieldValueTooLong",
      field,
      message: `Too long: must have at most ${TOTAL_ANNOTATION_SIZE_LIMIT} bytes`,
    });
  return causes;
}

export function validateMetadata(meta: Record<string, unknown>): StatusCause[] {
  return [...validateLabels(meta.labels), ...validateAnnotations(meta.annotations)];
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
