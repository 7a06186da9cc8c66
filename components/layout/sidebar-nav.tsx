"use client";

import * as React from "react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import {
  ActivityIcon,
  BoxesIcon,
  HistoryIcon,
  LayersIcon,
  LayoutDashboardIcon,
  MailIcon,
  PlugZapIcon,
  RocketIcon,
  ServerIcon,
  SettingsIcon,
  SparklesIcon,
  TargetIcon,
  UsersIcon,
  type LucideIcon,
} from "lucide-react";

import { cn } from "@/lib/utils";
import { useCurrentSpace } from "@/components/layout/use-current-space";

type NavLink = {
  label: string;
  href: string;
  icon: LucideIcon;
  /** Only the exact path counts as active (default: the path and everything under it). */
  exact?: boolean;
};

export type SidebarNavProps = {
  isAdmin: boolean;
  /** Called after a link is followed (the mobile drawer closes itself with it). */
  onNavigate?: () => void;
  className?: string;
};

function isActive(pathname: string, item: NavLink): boolean {
  if (item.exact) return pathname === item.href;
  return pathname === item.href || pathname.startsWith(`${item.href}/`);
}

export function SidebarNav({ isAdmin, onNavigate, className }: SidebarNavProps) {
  const pathname = usePathname();
  const space = useCurrentSpace();

  const portal: NavLink[] = [
    { label: "Getting Started", href: "/getting-started", icon: SparklesIcon },
    // Inside a space its own section carries the highlight, so "Spaces" matches exactly then.
    { label: "Spaces", href: "/spaces", icon: BoxesIcon, exact: space !== null },
    { label: "Invitations", href: "/invitations", icon: MailIcon },
    { label: "My connections", href: "/connections", icon: PlugZapIcon },
  ];

  const base = space ? `/spaces/${encodeURIComponent(space.name)}` : "";
  const spaceEntries: NavLink[] = space
    ? [
        { label: "Overview", href: base, icon: LayoutDashboardIcon, exact: true },
        { label: "Environments", href: `${base}/environments`, icon: LayersIcon },
        { label: "Applications", href: `${base}/applications`, icon: RocketIcon },
        { label: "Members", href: `${base}/members`, icon: UsersIcon },
        { label: "Activity", href: `${base}/activity`, icon: ActivityIcon },
        { label: "Settings", href: `${base}/settings`, icon: SettingsIcon },
      ]
    : [];

  return (
    <nav aria-label="Main" className={cn("flex flex-col gap-5 px-3 py-4", className)}>
      <NavSection title="Portal" items={portal} pathname={pathname} onNavigate={onNavigate} />
      {space ? (
        <NavSection
          title={space.displayName}
          eyebrow="Space"
          items={spaceEntries}
          pathname={pathname}
          onNavigate={onNavigate}
        />
      ) : null}
      {isAdmin ? (
        <NavSection
          title="Administration"
          items={[
            { label: "Activity", href: "/admin/activity", icon: HistoryIcon },
            { label: "Clusters", href: "/admin/clusters", icon: ServerIcon },
            { label: "Deployment targets", href: "/admin/deployment-targets", icon: TargetIcon },
          ]}
          pathname={pathname}
          onNavigate={onNavigate}
        />
      ) : null}
    </nav>
  );
}

function NavSection({
  title,
  eyebrow,
  items,
  pathname,
  onNavigate,
}: {
  title: string;
  eyebrow?: string;
  items: readonly NavLink[];
  pathname: string;
  onNavigate?: () => void;
}) {
  const labelId = React.useId();
  // A label, not a heading: page headings (e.g. the space's name in its <h1>) stay unique.
  return (
    <div className="flex flex-col gap-1">
      <div
        id={labelId}
        className="text-muted-foreground truncate px-2 pb-1 text-xs font-medium tracking-wide uppercase"
        title={title}
      >
        {eyebrow ? <span className="sr-only">{eyebrow}: </span> : null}
        {title}
      </div>
      <ul aria-labelledby={labelId} className="flex flex-col gap-0.5">
        {items.map((item) => (
          <li key={item.label}>
            <NavItemLink item={item} active={isActive(pathname, item)} onNavigate={onNavigate} />
          </li>
        ))}
      </ul>
    </div>
  );
}

function NavItemLink({
  item,
  active,
  onNavigate,
}: {
  item: NavLink;
  active: boolean;
  onNavigate?: () => void;
}) {
  return (
    <Link
      href={item.href}
      aria-current={active ? "page" : undefined}
      onClick={onNavigate}
      className={cn(
        "focus-visible:ring-ring flex h-8 items-center gap-2.5 rounded-md px-2 text-sm transition-colors outline-none focus-visible:ring-2",
        active
          ? "bg-accent text-accent-foreground font-medium"
          : "text-muted-foreground hover:bg-muted hover:text-foreground",
      )}
    >
      <item.icon
        className={cn("size-4 shrink-0", active ? "text-primary" : "text-muted-foreground")}
        aria-hidden="true"
      />
      <span className="truncate">{item.label}</span>
    </Link>
  );
}
