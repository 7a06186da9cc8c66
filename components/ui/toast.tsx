"use client";

import * as React from "react";
import { Toast as ToastPrimitive } from "radix-ui";
import { CircleAlertIcon, CircleCheckIcon, InfoIcon, TriangleAlertIcon, XIcon } from "lucide-react";

import { cn } from "@/lib/utils";

export type ToastVariant = "default" | "success" | "warning" | "destructive";

export type ToastInput = {
  title: string;
  description?: string;
  variant?: ToastVariant;
  /** Milliseconds before auto-dismiss. Default 5000. */
  duration?: number;
};

type ToastRecord = Required<Omit<ToastInput, "description" | "duration">> &
  Pick<ToastInput, "description" | "duration"> & { id: string; open: boolean };

const MAX_TOASTS = 4;
const EMPTY: readonly ToastRecord[] = [];

let toasts: readonly ToastRecord[] = EMPTY;
let counter = 0;
const listeners = new Set<() => void>();

function setToasts(next: readonly ToastRecord[]) {
  toasts = next;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

function dismiss(id?: string) {
  setToasts(toasts.map((t) => (id === undefined || t.id === id ? { ...t, open: false } : t)));
  // Let the close animation finish before removing the record.
  setTimeout(() => {
    setToasts(toasts.filter((t) => t.open));
  }, 300);
}

/**
 * Show a toast from any client component (e.g. after a server action resolves).
 * Requires one `<Toaster />` mounted (the `AppShell` renders it).
 *
 * ```ts
 * toast.success("Space created");
 * toast.error("Could not save", "The name is already taken.");
 * toast({ title: "Copied", variant: "default" });
 * ```
 * Returns the toast id (for `toast.dismiss(id)`).
 */
export function toast(input: ToastInput | string): string {
  const options = typeof input === "string" ? { title: input } : input;
  counter += 1;
  const id = `toast-${counter}`;
  const record: ToastRecord = {
    id,
    open: true,
    title: options.title,
    description: options.description,
    variant: options.variant ?? "default",
    duration: options.duration,
  };
  setToasts([...toasts, record].slice(-MAX_TOASTS));
  return id;
}

toast.success = (title: string, description?: string) =>
  toast({ title, description, variant: "success" });
toast.error = (title: string, description?: string) =>
  toast({ title, description, variant: "destructive" });
toast.warning = (title: string, description?: string) =>
  toast({ title, description, variant: "warning" });
toast.dismiss = dismiss;

const variantStyles: Record<ToastVariant, { className: string; Icon: typeof InfoIcon }> = {
  default: { className: "[&_[data-toast-icon]]:text-primary", Icon: InfoIcon },
  success: { className: "[&_[data-toast-icon]]:text-success", Icon: CircleCheckIcon },
  warning: { className: "[&_[data-toast-icon]]:text-warning", Icon: TriangleAlertIcon },
  destructive: {
    className: "border-destructive/30 [&_[data-toast-icon]]:text-destructive",
    Icon: CircleAlertIcon,
  },
};

/** Renders queued toasts. Mount exactly once per page tree (the `AppShell` already does). */
export function Toaster() {
  const items = React.useSyncExternalStore(
    subscribe,
    () => toasts,
    () => EMPTY,
  );

  return (
    <ToastPrimitive.Provider swipeDirection="right" label="Notification">
      {items.map((t) => {
        const { className, Icon } = variantStyles[t.variant];
        return (
          <ToastPrimitive.Root
            key={t.id}
            open={t.open}
            duration={t.duration ?? 5000}
            type={t.variant === "destructive" ? "foreground" : "background"}
            onOpenChange={(open) => {
              if (!open) dismiss(t.id);
            }}
            className={cn(
              "bg-popover text-popover-foreground data-[state=open]:animate-slide-in pointer-events-auto relative flex w-full items-start gap-3 rounded-lg border p-4 pr-9 shadow-lg data-[state=closed]:opacity-0 data-[state=closed]:transition-opacity data-[swipe=end]:translate-x-(--radix-toast-swipe-end-x) data-[swipe=move]:translate-x-(--radix-toast-swipe-move-x)",
              className,
            )}
          >
            <Icon data-toast-icon="" aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
            <div className="flex min-w-0 flex-col gap-1">
              <ToastPrimitive.Title className="text-sm font-medium">{t.title}</ToastPrimitive.Title>
              {t.description ? (
                <ToastPrimitive.Description className="text-muted-foreground text-sm">
                  {t.description}
                </ToastPrimitive.Description>
              ) : null}
            </div>
            <ToastPrimitive.Close
              aria-label="Dismiss notification"
              className="text-muted-foreground hover:text-foreground focus-visible:ring-ring absolute top-3 right-3 rounded-sm p-0.5 outline-none focus-visible:ring-2"
            >
              <XIcon className="size-4" aria-hidden="true" />
            </ToastPrimitive.Close>
          </ToastPrimitive.Root>
        );
      })}
      <ToastPrimitive.Viewport className="fixed right-0 bottom-0 z-[100] m-0 flex w-full max-w-sm list-none flex-col gap-2 p-4 outline-none" />
    </ToastPrimitive.Provider>
  );
}

/**
 * Fires a toast once when it mounts — handy after a redirect, e.g. render
 * `<ToastOnMount title="Space created" variant="success" />` when `?created=1` is present.
 */
export function ToastOnMount(props: ToastInput) {
  const fired = React.useRef(false);
  const { title, description, variant, duration } = props;
  React.useEffect(() => {
    if (fired.current) return;
    fired.current = true;
    toast({ title, description, variant, duration });
  }, [title, description, variant, duration]);
  return null;
}
