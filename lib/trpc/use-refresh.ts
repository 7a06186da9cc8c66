"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";

/**
 * After a change: re-render the server components of the page and drop cached client queries
 * (the space switcher, the sidebar's current space), so nothing shows what was there before.
 */
export function useRefresh(): () => void {
  const queryClient = useQueryClient();
  const router = useRouter();
  return () => {
    void queryClient.invalidateQueries();
    router.refresh();
  };
}
