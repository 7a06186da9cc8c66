import * as React from "react";

import { cn } from "@/lib/utils";

export type PageContainerProps = React.ComponentProps<"div"> & {
  /** `default` ≈ 72rem for dashboards, `narrow` ≈ 48rem for forms and auth pages. */
  width?: "default" | "narrow" | "full";
};

const widths = { default: "max-w-6xl", narrow: "max-w-3xl", full: "max-w-none" } as const;

/** Consistent max width and padding for page content. `AppShell` already wraps its children in one. */
export function PageContainer({ className, width = "default", ...props }: PageContainerProps) {
  return (
    <div
      className={cn("mx-auto w-full px-4 py-6 sm:px-6 lg:px-8 lg:py-8", widths[width], className)}
      {...props}
    />
  );
}
