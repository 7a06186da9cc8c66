import Link from "next/link";
import { SearchX } from "lucide-react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

export default function NotFound() {
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <EmptyState
        icon={<SearchX aria-hidden />}
        title="Page not found"
        description="There is nothing at this address. It may have moved, or the link may be mistyped."
        action={
          <Button asChild variant="outline">
            <Link href="/">Go to Slipway</Link>
          </Button>
        }
      />
    </main>
  );
}
