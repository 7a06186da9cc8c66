"use client";

import { useState, type FormEvent, type ReactNode } from "react";
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
import { Input } from "@/components/ui/input";

/**
 * A destructive action that needs a name typed out, GitHub-style, so it cannot happen by a stray
 * click. The caller owns the mutation; this owns the dialog, the typed name and the buttons.
 */
export function TypedConfirmDialog({
  trigger,
  title,
  description,
  confirmText,
  submitLabel,
  pending,
  error,
  onConfirm,
  onClose,
  open: controlledOpen,
  onOpenChange,
  children,
}: {
  trigger: ReactNode;
  title: ReactNode;
  description: ReactNode;
  /** What must be typed, usually the name. */
  confirmText: string;
  submitLabel: string;
  pending: boolean;
  /** The server's message for the confirmation field, or its form-level error. */
  error?: string | readonly string[] | null;
  onConfirm: (confirmName: string) => void;
  /** Called when the dialog closes: reset the caller's mutation here. */
  onClose?: () => void;
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
  /** Extra fields between the description and the confirmation input. */
  children?: ReactNode;
}) {
  const [ownOpen, setOwnOpen] = useState(false);
  const open = controlledOpen ?? ownOpen;
  const [confirmName, setConfirmName] = useState("");

  function setOpen(next: boolean) {
    setOwnOpen(next);
    onOpenChange?.(next);
    if (!next) {
      setConfirmName("");
      onClose?.();
    }
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    onConfirm(confirmName);
  }

  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent>
        <form onSubmit={onSubmit} noValidate className="space-y-4">
          <DialogHeader>
            <DialogTitle>{title}</DialogTitle>
            <DialogDescription>{description}</DialogDescription>
          </DialogHeader>
          {children}
          <Field
            label={
              <>
                Type <span className="font-mono font-semibold">{confirmText}</span> to confirm
              </>
            }
            error={error}
          >
            <Input
              name="confirmName"
              value={confirmName}
              autoComplete="off"
              spellCheck={false}
              className="font-mono"
              onChange={(e) => setConfirmName(e.target.value)}
            />
          </Field>
          <DialogFooter>
            <Button type="button" variant="ghost" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button
              type="submit"
              variant="destructive"
              disabled={confirmName !== confirmText || pending}
            >
              {pending ? "Deleting…" : submitLabel}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
