"use client";

import * as React from "react";
import { Avatar as AvatarPrimitive } from "radix-ui";

import { cn, initials } from "@/lib/utils";

const sizes = {
  sm: "size-6 text-[10px]",
  default: "size-8 text-xs",
  lg: "size-10 text-sm",
} as const;

export type AvatarProps = {
  /** Used for the initials fallback and the image alt text. */
  name: string | null | undefined;
  /** Image URL; the initials show while it loads or when it fails. */
  src?: string | null;
  size?: keyof typeof sizes;
  /** Hide from assistive tech when the name is already shown next to the avatar. */
  decorative?: boolean;
  className?: string;
};

export function Avatar({
  name,
  src,
  size = "default",
  decorative = false,
  className,
}: AvatarProps) {
  return (
    <AvatarPrimitive.Root
      aria-hidden={decorative || undefined}
      className={cn(
        "bg-muted relative inline-flex shrink-0 overflow-hidden rounded-full align-middle select-none",
        sizes[size],
        className,
      )}
    >
      {src ? (
        <AvatarPrimitive.Image
          src={src}
          alt={decorative ? "" : (name ?? "")}
          referrerPolicy="no-referrer"
          className="aspect-square size-full object-cover"
        />
      ) : null}
      <AvatarPrimitive.Fallback
        delayMs={src ? 300 : undefined}
        className="bg-accent text-accent-foreground flex size-full items-center justify-center font-medium"
      >
        <span aria-hidden="true">{initials(name)}</span>
        {name && !decorative ? <span className="sr-only">{name}</span> : null}
      </AvatarPrimitive.Fallback>
    </AvatarPrimitive.Root>
  );
}
