import type { ReactNode } from "react";
import { Brand } from "@/components/layout/logo";

/** Pages for signed-out visitors: centred, no portal chrome. */
export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <main className="bg-muted/40 flex min-h-svh flex-col items-center justify-center gap-6 px-4 py-12">
      <Brand className="text-lg" />
      <div className="w-full max-w-sm">{children}</div>
      <p className="text-muted-foreground text-xs">Self-hosted developer portal for Kubernetes</p>
    </main>
  );
}
