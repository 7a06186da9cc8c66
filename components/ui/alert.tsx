import * as React from "react";
import { cva, type VariantProps } from "class-variance-authority";
import { CircleAlertIcon, InfoIcon, TriangleAlertIcon } from "lucide-react";

import { cn } from "@/lib/utils";

export const alertVariants = cva(
  "relative grid w-full grid-cols-[auto_1fr] items-start gap-x-3 gap-y-1 rounded-lg border px-4 py-3 text-sm [&>svg]:mt-0.5 [&>svg]:size-4",
  {
    variants: {
      variant: {
        info: "border-primary/20 bg-accent/60 text-foreground [&>svg]:text-primary",
        warning: "border-warning/40 bg-warning/10 text-foreground [&>svg]:text-warning",
        destructive:
          "border-destructive/30 bg-destructive/5 text-foreground [&>svg]:text-destructive",
      },
    },
    defaultVariants: { variant: "info" },
  },
);

const icons = { info: InfoIcon, warning: TriangleAlertIcon, destructive: CircleAlertIcon } as const;

export type AlertProps = Omit<React.ComponentProps<"div">, "title"> &
  VariantProps<typeof alertVariants> & {
    title?: React.ReactNode;
    /** Body text; `children` are rendered after it. */
    description?: React.ReactNode;
  };

/**
 * Inline callout. `destructive` is announced assertively (`role="alert"`), others politely
 * (`role="status"`); override with `role`.
 */
export function Alert({
  className,
  variant,
  title,
  description,
  children,
  role,
  ...props
}: AlertProps) {
  const v = variant ?? "info";
  const Icon = icons[v];
  return (
    <div
      role={role ?? (v === "destructive" ? "alert" : "status")}
      className={cn(alertVariants({ variant: v }), className)}
      {...props}
    >
      <Icon aria-hidden="true" />
      <div className="col-start-2 flex flex-col gap-1">
        {title ? <p className="leading-tight font-medium">{title}</p> : null}
        {description ? <div className="text-muted-foreground">{description}</div> : null}
        {children}
      </div>
    </div>
  );
}
