import { NativeSelect } from "@/components/ui/native-select";
import type { RouterOutputs } from "@/lib/trpc/types";

type TPlacements = RouterOutputs["environment"]["placements"];

/** "cluster:<id>" or "claim:<id>"; cordoned clusters are listed but cannot be chosen. */
export function PlacementSelect({
  placements,
  value,
  onChange,
  ...control
}: {
  placements: TPlacements;
  value: string;
  onChange: (value: string) => void;
  id?: string;
}) {
  return (
    <NativeSelect
      {...control}
      name="placement"
      value={value}
      onChange={(e) => onChange(e.target.value)}
    >
      <option value="">Choose…</option>
      <optgroup label="Clusters">
        {placements.clusters.map((cluster) => (
          <option key={cluster.id} value={`cluster:${cluster.id}`} disabled={cluster.cordoned}>
            {cluster.displayName || cluster.name}
            {cluster.emulated ? " — Emulated API — runs no workloads" : ""}
            {cluster.cordoned ? " (cordoned: takes no new environments)" : ""}
          </option>
        ))}
      </optgroup>
      {placements.claims.length > 0 ? (
        <optgroup label="Deployment target claims">
          {placements.claims.map((claim) => (
            <option key={claim.id} value={`claim:${claim.id}`}>
              {claim.name} ({claim.phase})
            </option>
          ))}
        </optgroup>
      ) : null}
    </NativeSelect>
  );
}
