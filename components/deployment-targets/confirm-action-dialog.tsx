"use client";

import { useState, type ReactNode } from "react";
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
import { formErrorsOf } from "@/lib/trpc/errors";

/** A delete (or other weighty) button whose dialog says what it does before anything happens. */
export function ConfirmActionDialog({
  title,
  children,
  triggerText = "Delete",
  triggerLabel,
  confirmLabel,
  pending,
  error,
  onConfirm,
  onClosed,
}: {
  title: string;
  /** The trigger's visible text. */
  triggerText?: string;
  /** What happens, in plain words. */
  children: ReactNode;
  /** Accessible name of the trigger, e.g. "Delete claim prod". */
  triggerLabel: string;
  confirmLabel: string;
  pending: boolean;
  error: unknown;
  onConfirm: () => void;
  onClosed: () => void;
}) {
  const [open, setOpen] = useState(false);
  const message = formErrorsOf(error).form;
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) onClosed();
      }}
    >
      <DialogTrigger asChild>
        <Button variant="ghost" size="sm" className="text-destructive" aria-label={triggerLabel}>
          {triggerText}
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{title}</DialogTitle>
          <DialogDescription asChild>
            <div className="space-y-2">{children}</div>
          </DialogDescription>
        </DialogHeader>
        {message ? (
          <Alert variant="destructive" title="Not deleted">
            {message}
          </Alert>
        ) : null}
        <DialogFooter>
          <Button type="button" variant="ghost" onClick={() => setOpen(false)}>
            Cancel
          </Button>
          <Button type="button" variant="destructive" disabled={pending} onClick={onConfirm}>
            {pending ? "Working…" : confirmLabel}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
