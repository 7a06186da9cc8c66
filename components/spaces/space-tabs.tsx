"use client";

import { usePathname } from "next/navigation";
import { TabsNav } from "@/components/ui/tabs";

export function SpaceTabs({ space }: { space: string }) {
  const pathname = usePathname();
  const base = `/spaces/${space}`;
  const tabs = [
    { href: base, label: "Overview" },
    { href: `${base}/members`, label: "Members" },
    { href: `${base}/deployment-targets`, label: "Deployment targets" },
    { href: `${base}/activity`, label: "Activity" },
    { href: `${base}/settings`, label: "Settings" },
  ];
  return <TabsNav items={tabs.map((tab) => ({ ...tab, active: pathname === tab.href }))} />;
}
