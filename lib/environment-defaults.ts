// What an environment of each type gets on its cluster unless someone asks for more or less: a
// ResourceQuota for the namespace and LimitRange defaults for containers that set none. Dev is
// small (one person's inner loop), test and stage are mid-sized, run (production) is the largest,
// build leaves room for parallel pipeline pods.
export const ENVIRONMENT_TYPES = ["build", "dev", "test", "stage", "run", "custom"] as const;
export type TEnvironmentType = (typeof ENVIRONMENT_TYPES)[number];

/** At most one environment of these types per space (OSIO). */
export const SINGLETON_TYPES: readonly TEnvironmentType[] = ["build", "dev"];

export const ENVIRONMENT_TYPE_LABELS: Record<TEnvironmentType, string> = {
  build: "Build",
  dev: "Development",
  test: "Test",
  stage: "Stage",
  run: "Run (production)",
  custom: "Custom",
};

/** The quota fields a form edits, and the ResourceQuota `hard` key each one sets. */
export const QUOTA_FIELDS = {
  requestsCpu: "requests.cpu",
  requestsMemory: "requests.memory",
  limitsCpu: "limits.cpu",
  limitsMemory: "limits.memory",
  pods: "pods",
} as const;
export type TQuotaField = keyof typeof QUOTA_FIELDS;
export type TQuotaInput = Record<TQuotaField, string>;

export const QUOTA_FIELD_LABELS: Record<TQuotaField, string> = {
  requestsCpu: "CPU requests",
  requestsMemory: "Memory requests",
  limitsCpu: "CPU limits",
  limitsMemory: "Memory limits",
  pods: "Pods",
};

export const DEFAULT_QUOTA: Record<TEnvironmentType, TQuotaInput> = {
  build: {
    requestsCpu: "2",
    requestsMemory: "4Gi",
    limitsCpu: "4",
    limitsMemory: "8Gi",
    pods: "20",
  },
  dev: { requestsCpu: "1", requestsMemory: "2Gi", limitsCpu: "2", limitsMemory: "4Gi", pods: "10" },
  test: {
    requestsCpu: "1",
    requestsMemory: "2Gi",
    limitsCpu: "2",
    limitsMemory: "4Gi",
    pods: "20",
  },
  stage: {
    requestsCpu: "2",
    requestsMemory: "4Gi",
    limitsCpu: "4",
    limitsMemory: "8Gi",
    pods: "30",
  },
  run: {
    requestsCpu: "4",
    requestsMemory: "8Gi",
    limitsCpu: "8",
    limitsMemory: "16Gi",
    pods: "50",
  },
  custom: {
    requestsCpu: "1",
    requestsMemory: "2Gi",
    limitsCpu: "2",
    limitsMemory: "4Gi",
    pods: "20",
  },
};

export interface TContainerDefaults {
  defaultRequest: Record<string, string>;
  default: Record<string, string>;
}

const SMALL: TContainerDefaults = {
  defaultRequest: { cpu: "100m", memory: "128Mi" },
  default: { cpu: "500m", memory: "512Mi" },
};
const LARGE: TContainerDefaults = {
  defaultRequest: { cpu: "250m", memory: "256Mi" },
  default: { cpu: "1", memory: "1Gi" },
};

export const DEFAULT_CONTAINER_LIMITS: Record<TEnvironmentType, TContainerDefaults> = {
  build: LARGE,
  dev: SMALL,
  test: SMALL,
  stage: SMALL,
  run: LARGE,
  custom: SMALL,
};

/** The form's quota fields as ResourceQuota `hard`. */
export function quotaToHard(quota: TQuotaInput): Record<string, string> {
  return Object.fromEntries(
    (Object.keys(QUOTA_FIELDS) as TQuotaField[]).map((field) => [
      QUOTA_FIELDS[field],
      quota[field],
    ]),
  );
}

/** ResourceQuota `hard` as the form's fields; a missing key falls back to the type's default. */
export function hardToQuota(hard: Record<string, string>, type: TEnvironmentType): TQuotaInput {
  const defaults = DEFAULT_QUOTA[type];
  return Object.fromEntries(
    (Object.keys(QUOTA_FIELDS) as TQuotaField[]).map((field) => [
      field,
      hard[QUOTA_FIELDS[field]] ?? defaults[field],
    ]),
  ) as TQuotaInput;
}
