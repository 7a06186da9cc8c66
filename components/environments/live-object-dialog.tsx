"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { stringify } from "yaml";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";
import { ScrollableCode } from "@/components/ui/scrollable-code";
import { useTRPC } from "@/lib/trpc/react";
import { ClusterEventsList } from "./cluster-events-list";
import { ClusterReadError } from "./cluster-read-error";

export interface TLiveObjectRef {
  apiVersion: string;
  kind: string;
  namespace: string;
  name: string;
}

/**
 * "Live": the object as the cluster has it now (not as the reconciler last saw it), read as the
 * person when they open the dialog, with the Events about it.
 */
export function LiveObjectDialog({
  space,
  environment,
  object,
}: {
  space: string;
  environment: string;
  object: TLiveObjectRef;
}) {
  const [open, setOpen] = useState(false);
  const trpc = useTRPC();
  const live = useQuery({
    ...trpc.environment.liveObject.queryOptions({ space, environment, ...object }),
    enabled: open,
    retry: false,
  });
  const title = `${object.kind} ${object.name}`;
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="outline" size="sm" aria-label={`Live state of ${title}`}>
          Live
        </Button>
      </DialogTrigger>
      <DialogContent className="max-w-3xl">
        <DialogHeader>
          <DialogTitle>Live: {title}</DialogTitle>
          <DialogDescription>Read from the cluster now.</DialogDescription>
        </DialogHeader>
        {live.isPending ? <p className="text-sm">Reading from the cluster…</p> : null}
        {live.error ? <ClusterReadError error={live.error} /> : null}
        {live.data ? (
          <>
            <ScrollableCode label="Live YAML" className="max-h-96 rounded p-3">
              {stringify(live.data.object)}
            </ScrollableCode>
            <h4 className="font-semibold">Events</h4>
            <ClusterEventsList events={live.data.events} label={`Events of ${title}`} />
          </>
        ) : null}
      </DialogContent>
    </Dialog>
  );
}
