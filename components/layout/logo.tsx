import * as React from "react";

import { cn } from "@/lib/utils";

/** Slipway logo mark: a launch ramp meeting the water. Inline SVG, decorative. */
export function LogoMark({ className }: { className?: string }) {
  return (
    <svg
      viewBox="0 0 32 32"
      aria-hidden="true"
      focusable="false"
      className={cn("size-7 shrink-0", className)}
    >
      <rect width="32" height="32" rx="8" className="fill-primary" />
      <path d="M7 21 L21 9" stroke="white" strokeWidth="2.75" strokeLinecap="round" fill="none" />
      <path
        d="M6 24.5c2 0 2.5-1.5 4.5-1.5s2.5 1.5 4.5 1.5 2.5-1.5 4.5-1.5 2.5 1.5 4.5 1.5 2-1 2-1"
        stroke="white"
        strokeOpacity="0.75"
        strokeWidth="2"
        strokeLinecap="round"
        fill="none"
      />
      <circle cx="22.5" cy="8" r="2.25" fill="white" />
    </svg>
  );
}

/** Logo mark + "Slipway" word mark. */
export function Brand({ className }: { className?: string }) {
  return (
    <span
      className={cn("flex items-center gap-2 text-base font-semibold tracking-tight", className)}
    >
      <LogoMark />
      <span>Slipway</span>
    </span>
  );
}
