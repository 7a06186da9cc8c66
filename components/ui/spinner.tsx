import * as React from "react";
import { LoaderCircleIcon } from "lucide-react";

import { cn } from "@/lib/utils";

export type SpinnerProps = {
  /** Screen-reader text. Pass `null` when a surrounding element already says what is loading. */
  label?: string | null;
  className?: string;
};

export function Spinner({ label = "Loading…", className }: SpinnerProps) {
  return (
    <span role={label ? "status" : undefined} className="inline-flex items-center">
      <LoaderCircleIcon aria-hidden="true" className={cn("size-4 animate-spin", className)} />
      {label ? <span className="sr-only">{label}</span> : null}
    </span>
  );
}
