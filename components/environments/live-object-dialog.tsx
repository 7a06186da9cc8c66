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
            {/* Focusable so keyboard users can scroll it. */}
            <pre
              role="region"
              tabIndex={0}
              aria-label="Live YAML"
              className="bg-muted max-h-96 overflow-auto rounded p-3 text-xs"
            >
              {stringify(live.data.object)}
            </pre>
            <h4 className="font-semibold">Events</h4>
            <ClusterEventsList events={live.data.events} label={`Events of ${title}`} />
          </>
        ) : null}
      </DialogContent>
    </Dialog>
  );
}
