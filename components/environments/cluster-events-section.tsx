"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { useTRPC } from "@/lib/trpc/react";
import type { RouterOutputs } from "@/lib/trpc/types";
import { ClusterEventsList } from "./cluster-events-list";
import { ClusterReadError } from "./cluster-read-error";

type TPage = RouterOutputs["environment"]["clusterEvents"];

/**
 * The Kubernetes Events in the environment's namespace, read from the cluster as the person on
 * request, a page at a time ("Load more" follows the API's continue token).
 */
export function ClusterEventsSection({
  space,
  environment,
}: {
  space: string;
  environment: string;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [pages, setPages] = useState<TPage[]>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const last = pages.at(-1);

  async function load(from?: string) {
    setLoading(true);
    setError(null);
    try {
      const page = await queryClient.fetchQuery({
        ...trpc.environment.clusterEvents.queryOptions({
          space,
          environment,
          ...(from ? { continue: from } : {}),
        }),
        staleTime: 0,
        retry: false,
      });
      setPages((before) => (from ? [...before, page] : [page]));
    } catch (failed) {
      setError(failed);
    } finally {
      setLoading(false);
    }
  }

  return (
    <div className="space-y-3">
      {pages.length > 0 ? (
        <ClusterEventsList events={pages.flatMap((p) => p.items)} label="Cluster events" />
      ) : null}
      {error ? <ClusterReadError error={error} /> : null}
      <div className="flex gap-2">
        <Button variant="outline" size="sm" disabled={loading} onClick={() => void load()}>
          {pages.length > 0 ? "Reload cluster events" : "Load cluster events"}
        </Button>
        {last?.continue ? (
          <Button
            variant="outline"
            size="sm"
            disabled={loading}
            onClick={() => void load(last.continue ?? undefined)}
          >
            Load more
          </Button>
        ) : null}
      </div>
    </div>
  );
}
