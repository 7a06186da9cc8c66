import Link from "next/link";
import { SearchX } from "lucide-react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

export default function SpaceNotFound() {
  return (
    <EmptyState
      icon={<SearchX aria-hidden />}
      title="Space not found or no access"
      description="This space does not exist, or you are not a member of it. Ask one of its owners to add you."
      action={
        <Button asChild variant="outline">
          <Link href="/spaces">Back to your spaces</Link>
        </Button>
      }
    />
  );
}
