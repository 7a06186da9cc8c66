import type { ReactNode } from "react";
import { SpaceBreadcrumbs } from "@/components/spaces/space-breadcrumbs";
import { SpaceTabs } from "@/components/spaces/space-tabs";
import { RoleBadge } from "@/components/spaces/role-badge";
import { PageHeader } from "@/components/ui/page-header";
import { loadSpace } from "./space-data";

export default async function SpaceLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ name: string }>;
}) {
  const { name } = await params;
  const { space, role, isMember } = await loadSpace(name);
  return (
    <div className="space-y-6">
      <SpaceBreadcrumbs space={space.name} displayName={space.displayName} />
      <PageHeader
        title={space.displayName}
        description={space.description || undefined}
        actions={
          <div className="flex items-center gap-2">
            <span className="text-muted-foreground font-mono text-sm">{space.name}</span>
            {isMember ? (
              <RoleBadge role={role} />
            ) : (
              <span className="text-muted-foreground text-sm">Admin access</span>
            )}
          </div>
        }
      />
      <SpaceTabs space={space.name} />
      {children}
    </div>
  );
}
