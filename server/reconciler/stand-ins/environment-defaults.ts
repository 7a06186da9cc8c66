// stand-in until environments lands (lib/environment-defaults.ts)
import type { TContainerLimits, TQuotaQuantities } from "@/db/schema";

export function environmentDefaults(_type: string): {
  quota: TQuotaQuantities;
  containerLimits: TContainerLimits;
} {
  return {
    quota: {
      "requests.cpu": "2",
      "requests.memory": "4Gi",
      "limits.cpu": "4",
      "limits.memory": "8Gi",
      pods: "20",
    },
    containerLimits: {
      defaultRequest: { cpu: "100m", memory: "128Mi" },
      default: { cpu: "500m", memory: "512Mi" },
    },
  };
}
