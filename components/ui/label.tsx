import * as React from "react";

import { cn } from "@/lib/utils";

export type LabelProps = React.ComponentProps<"label">;

/** A plain `<label>` (server-compatible). Use `htmlFor` to associate it with a control. */
export function Label({ className, ...props }: LabelProps) {
  return (
    <label
      className={cn(
        "text-sm leading-none font-medium select-none peer-disabled:cursor-not-allowed peer-disabled:opacity-50",
        className,
      )}
      {...props}
    />
  );
}
