import * as React from "react";
import { inputClassName } from "@/components/ui/input";
import { cn } from "@/lib/utils";

/** A styled native <select>: keyboard, screen-reader and form behaviour come from the browser. */
export function NativeSelect({ className, ...props }: React.ComponentProps<"select">) {
  return <select className={cn(inputClassName, "pr-8", className)} {...props} />;
}
