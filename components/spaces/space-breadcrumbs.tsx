"use client";

import { usePathname } from "next/navigation";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";

const SECTION_LABEL: Record<string, string> = {
  members: "Members",
  activity: "Activity",
  settings: "Settings",
};

/** Spaces › <space> › <tab>, from the URL, so the space layout can render it above its header. */
export function SpaceBreadcrumbs({ space, displayName }: { space: string; displayName: string }) {
  const pathname = usePathname();
  const section = SECTION_LABEL[pathname.slice(`/spaces/${space}/`.length)];
  const items = section
    ? [
        { label: "Spaces", href: "/spaces" },
        { label: displayName, href: `/spaces/${space}` },
        { label: section },
      ]
    : [{ label: "Spaces", href: "/spaces" }, { label: displayName }];
  return <Breadcrumbs items={items} />;
}
