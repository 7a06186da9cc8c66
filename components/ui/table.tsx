import * as React from "react";

import { cn } from "@/lib/utils";

/** A table inside a horizontally scrollable, bordered container. */
export function Table({ className, ...props }: React.ComponentProps<"table">) {
  return (
    <div className="bg-card relative w-full overflow-x-auto rounded-lg border">
      <table className={cn("w-full caption-bottom text-sm", className)} {...props} />
    </div>
  );
}

export function TableHeader({ className, ...props }: React.ComponentProps<"thead">) {
  return <thead className={cn("bg-muted/50 [&_tr]:border-b", className)} {...props} />;
}

export function TableBody({ className, ...props }: React.ComponentProps<"tbody">) {
  return <tbody className={cn("[&_tr:last-child]:border-0", className)} {...props} />;
}

export function TableRow({ className, ...props }: React.ComponentProps<"tr">) {
  return (
    <tr
      className={cn(
        "hover:bg-muted/40 data-[state=selected]:bg-muted border-b transition-colors",
        className,
      )}
      {...props}
    />
  );
}

export function TableHead({ className, scope, ...props }: React.ComponentProps<"th">) {
  return (
    <th
      scope={scope ?? "col"}
      className={cn(
        "text-muted-foreground h-10 px-4 text-left align-middle text-xs font-medium tracking-wide whitespace-nowrap uppercase",
        className,
      )}
      {...props}
    />
  );
}

export function TableCell({ className, ...props }: React.ComponentProps<"td">) {
  return <td className={cn("px-4 py-3 align-middle", className)} {...props} />;
}

export function TableCaption({ className, ...props }: React.ComponentProps<"caption">) {
  return (
    <caption className={cn("text-muted-foreground mt-3 mb-1 text-sm", className)} {...props} />
  );
}
