"use client";

import { useMutation } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { toast } from "@/components/ui/toast";
import { formErrorsOf } from "@/lib/trpc/errors";
import { useTRPC } from "@/lib/trpc/react";
import { useRefresh } from "@/lib/trpc/use-refresh";

interface TDeploymentRef {
  space: string;
  application: string;
  environment: string;
  component: string;
}

/**
 * "Sync now" on a manual deployment. On an automated one the button stays, disabled, with the
 * reason next to it: Argo CD already syncs from Git there.
 */
export function SyncNowButton({
  deployment,
  syncMode,
  busy,
}: {
  deployment: TDeploymentRef;
  syncMode: "automated" | "manual";
  /** A run is pending or running: Argo CD takes one operation at a time. */
  busy: boolean;
}) {
  const trpc = useTRPC();
  const refresh = useRefresh();
  const sync = useMutation(
    trpc.syncRun.create.mutationOptions({
      onSuccess: () => {
        toast({
          title: "Sync run started",
          description: `${deployment.component} in ${deployment.environment} syncs when Argo CD picks it up.`,
        });
        refresh();
      },
    }),
  );
  const automated = syncMode === "automated";
  const reasonId = `sync-reason-${deployment.environment}-${deployment.component}`;
  const reason = automated
    ? "Syncs automatically from Git."
    : busy
      ? "A sync run is in progress."
      : null;
  const error = formErrorsOf(sync.error).form;
  return (
    <div className="mt-2 space-y-1">
      <Button
        size="sm"
        variant="outline"
        disabled={automated || busy || sync.isPending}
        aria-describedby={reason ? reasonId : undefined}
        aria-label={`Sync now: ${deployment.component} in ${deployment.environment}`}
        onClick={() => sync.mutate(deployment)}
      >
        Sync now
      </Button>
      {reason ? (
        <p id={reasonId} className="text-muted-foreground text-xs">
          {reason}
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="text-destructive text-xs">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** Cancel a pending or running sync run (Argo CD terminates the operation). */
export function CancelSyncRunButton({
  space,
  runId,
  what,
}: {
  space: string;
  runId: string;
  /** Which run, for the button's accessible name ("api in prod"). */
  what: string;
}) {
  const trpc = useTRPC();
  const refresh = useRefresh();
  const cancel = useMutation(
    trpc.syncRun.cancel.mutationOptions({
      onSuccess: () => {
        toast({ title: "Cancelling the sync run", description: "Argo CD is asked to stop it." });
        refresh();
      },
    }),
  );
  const error = formErrorsOf(cancel.error).form;
  return (
    <>
      <Button
        size="sm"
        variant="link"
        disabled={cancel.isPending}
        aria-label={`Cancel the sync run of ${what}`}
        onClick={() => cancel.mutate({ space, id: runId })}
      >
        Cancel
      </Button>
      {error ? (
        <span role="alert" className="text-destructive ml-1 text-xs">
          {error}
        </span>
      ) : null}
    </>
  );
}
