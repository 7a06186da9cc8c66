"use client";

import { usePathname } from "next/navigation";
import { TabsNav } from "@/components/ui/tabs";

export function SpaceTabs({ space }: { space: string }) {
  const pathname = usePathname();
  const base = `/spaces/${space}`;
  const tabs = [
    { href: base, label: "Overview" },
    { href: `${base}/environments`, label: "Environments" },
    { href: `${base}/applications`, label: "Applications" },
    { href: `${base}/repository-credentials`, label: "Repository credentials" },
    { href: `${base}/members`, label: "Members" },
    { href: `${base}/deployment-targets`, label: "Deployment targets" },
    { href: `${base}/declarative`, label: "YAML" },
    { href: `${base}/activity`, label: "Activity" },
    { href: `${base}/settings`, label: "Settings" },
  ];
  // A tab stays active on its sub-pages (an environment's page is under Environments).
  const isActive = (href: string) =>
    href === base ? pathname === base : pathname === href || pathname.startsWith(`${href}/`);
  return <TabsNav items={tabs.map((tab) => ({ ...tab, active: isActive(tab.href) }))} />;
}
