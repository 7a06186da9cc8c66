"use client";

import { useEffect } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

export default function PortalError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div className="mx-auto max-w-xl space-y-4 py-12">
      <Alert variant="destructive" title="This page could not be loaded">
        {error.message || "An unexpected error occurred."}
        {error.digest ? (
          <span className="mt-1 block text-xs opacity-80">Reference: {error.digest}</span>
        ) : null}
      </Alert>
      <Button onClick={reset}>Try again</Button>
    </div>
  );
}
