import * as React from "react";

import { cn } from "@/lib/utils";

/** Loading placeholder block; size it with classes, e.g. `<Skeleton className="h-4 w-32" />`. */
export function Skeleton({ className, ...props }: React.ComponentProps<"div">) {
  return (
    <div
      aria-hidden="true"
      className={cn("bg-muted animate-pulse rounded-md", className)}
      {...props}
    />
  );
}
