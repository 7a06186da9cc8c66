"use client";

import { useInfiniteQuery, useMutation, useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { NativeSelect } from "@/components/ui/native-select";
import { toast } from "@/components/ui/toast";
import { formErrorsOf } from "@/lib/trpc/errors";
import { useTRPC } from "@/lib/trpc/react";
import { useRefresh } from "@/lib/trpc/use-refresh";
import { PromotionDiff } from "./promotion-diff";

// Snapshots the picker reads at a time; "Show older snapshots" reads the next page.
const SNAPSHOT_PAGE_SIZE = 50;

interface TSnapshotOption {
  name: string;
  displayName: string;
}

/**
 * Promote a snapshot of an application to an environment — or, as `rollback`, go back to one
 * it ran before. The per-component diff (promotion.preview) is shown before anything is
 * confirmed; when the environment cannot take it, the reason is shown and Confirm stays off.
 */
export function PromoteDialog({
  space,
  application,
  environment,
  snapshots,
  defaultSnapshot,
  kind = "manual",
  blockedReason,
  label,
}: {
  space: string;
  application: string;
  environment: { name: string; displayName: string };
  /**
   * What the dialog offers (rollback: exactly the snapshot from the history). Absent: the
   * application's snapshots, newest first, a page at a time (older ones on request).
   */
  snapshots?: TSnapshotOption[];
  defaultSnapshot?: string;
  kind?: "manual" | "rollback";
  /** Known before opening (not Ready, a run in progress): the button is off, with this next to it. */
  blockedReason?: string | null;
  /** The button's accessible name, naming what it promotes where. */
  label: string;
}) {
  const trpc = useTRPC();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const listed = useInfiniteQuery({
    ...trpc.snapshot.list.infiniteQueryOptions(
      { space, application, limit: SNAPSHOT_PAGE_SIZE },
      { getNextPageParam: (page) => page.next ?? undefined },
    ),
    enabled: open && !snapshots,
  });
  const loaded =
    listed.data?.pages.flatMap((page) =>
      page.items.map((s) => ({ name: s.name, displayName: s.displayName })),
    ) ?? [];
  // The snapshot the edge offers first (the parent's) may be older than the pages read so far.
  const options =
    snapshots ??
    (defaultSnapshot && !loaded.some((s) => s.name === defaultSnapshot)
      ? [{ name: defaultSnapshot, displayName: defaultSnapshot }, ...loaded]
      : loaded);
  const [chosen, setSnapshot] = useState(defaultSnapshot ?? snapshots?.[0]?.name ?? "");
  const snapshot = chosen || (options[0]?.name ?? "");
  const input = { space, application, environment: environment.name, snapshot };
  const preview = useQuery({
    ...trpc.promotion.preview.queryOptions(input),
    enabled: open && snapshot !== "",
  });
  const onSuccess = () => {
    toast({
      title: kind === "rollback" ? "Rollback started" : "Promotion started",
      description: `${snapshot} goes to ${environment.displayName}.`,
    });
    setOpen(false);
    refresh();
  };
  // A refusal can come from a change the page does not show yet (a connection the identity
  // provider revoked): re-read the page behind the dialog, so its Reconnect link and reason show.
  const onError = () => refresh();
  const promote = useMutation(trpc.promotion.create.mutationOptions({ onSuccess, onError }));
  const rollback = useMutation(trpc.promotion.rollback.mutationOptions({ onSuccess, onError }));
  const mutation = kind === "rollback" ? rollback : promote;
  const errors = formErrorsOf(mutation.error);
  const refusal =
    errors.form ?? errors.fields.snapshot?.[0] ?? errors.fields.environment?.[0] ?? null;
  const reasonId = useId();
  const notReady = preview.data && !preview.data.ready ? preview.data.notReadyReason : null;
  const verb = kind === "rollback" ? "Roll back" : "Promote";

  return (
    <div className="space-y-1">
      <Dialog
        open={open}
        onOpenChange={(next) => {
          setOpen(next);
          if (!next) mutation.reset();
        }}
      >
        <DialogTrigger asChild>
          <Button
            size="sm"
            variant="outline"
            disabled={Boolean(blockedReason) || snapshots?.length === 0}
            aria-describedby={blockedReason ? reasonId : undefined}
            aria-label={label}
          >
            {kind === "rollback" ? "Roll back to this" : "Promote"}
          </Button>
        </DialogTrigger>
        <DialogContent className="max-h-[90vh] overflow-y-auto sm:max-w-3xl">
          <DialogHeader>
            <DialogTitle>
              {kind === "rollback"
                ? `Roll back ${application} in ${environment.displayName}`
                : `Promote ${application} to ${environment.displayName}`}
            </DialogTitle>
            <DialogDescription>
              {preview.data?.deployed
                ? `Runs ${preview.data.deployed.snapshot} now. Check what changes, then confirm.`
                : "Nothing of this application runs there yet. Check what it gets, then confirm."}
            </DialogDescription>
          </DialogHeader>
          {kind === "manual" ? (
            <div className="space-y-1">
              <Field label="Snapshot">
                <NativeSelect value={snapshot} onChange={(e) => setSnapshot(e.target.value)}>
                  {options.map((s) => (
                    <option key={s.name} value={s.name}>
                      {s.displayName === s.name ? s.name : `${s.displayName} (${s.name})`}
                    </option>
                  ))}
                </NativeSelect>
              </Field>
              {listed.hasNextPage ? (
                <Button
                  type="button"
                  variant="link"
                  size="sm"
                  disabled={listed.isFetchingNextPage}
                  onClick={() => void listed.fetchNextPage()}
                >
                  {listed.isFetchingNextPage ? "Loading…" : "Show older snapshots"}
                </Button>
              ) : null}
            </div>
          ) : (
            <p className="text-sm">
              Back to snapshot <span className="font-mono">{snapshot}</span>.
            </p>
          )}
          {preview.error ? (
            <Alert variant="destructive" title="No preview">
              {formErrorsOf(preview.error).form}
            </Alert>
          ) : null}
          {preview.data ? (
            <PromotionDiff components={preview.data.components} />
          ) : preview.isLoading ? (
            <p className="text-muted-foreground text-sm">Loading what changes…</p>
          ) : null}
          {notReady ? (
            <Alert variant="destructive" title={`${environment.displayName} is not Ready`}>
              {notReady}
            </Alert>
          ) : null}
          {refusal ? (
            <Alert variant="destructive" title="Not started">
              {refusal}
            </Alert>
          ) : null}
          <DialogFooter>
            <Button
              disabled={!preview.data || Boolean(notReady) || mutation.isPending}
              onClick={() => mutation.mutate(input)}
            >
              {mutation.isPending ? "Starting…" : `${verb} to ${snapshot}`}
            </Button>
          </DialogFooter>
        </DialogContent>
      </Dialog>
      {blockedReason ? (
        <p id={reasonId} className="text-muted-foreground text-xs">
          {blockedReason}
        </p>
      ) : null}
    </div>
  );
}
