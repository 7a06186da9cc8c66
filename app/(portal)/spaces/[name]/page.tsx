import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { Layers, Rocket } from "lucide-react";
import { RoleBadge } from "@/components/spaces/role-badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { formatDateTime } from "@/lib/format";
import { loadSpace } from "./space-data";

type TParams = Promise<{ name: string }>;

export async function generateMetadata({ params }: { params: TParams }): Promise<Metadata> {
  return { title: (await params).name };
}

export default async function SpaceOverviewPage({ params }: { params: TParams }) {
  const { name } = await params;
  const { space, role, isMember, memberCount } = await loadSpace(name);
  return (
    <div className="space-y-6">
      <div className="grid gap-6 md:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>Details</CardTitle>
          </CardHeader>
          <CardContent>
            <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-2 text-sm">
              <dt className="text-muted-foreground">Name</dt>
              <dd className="font-mono">{space.name}</dd>
              <dt className="text-muted-foreground">Display name</dt>
              <dd>{space.displayName}</dd>
              <dt className="text-muted-foreground">Your role</dt>
              <dd>{isMember ? <RoleBadge role={role} /> : "Admin access (not a member)"}</dd>
              <dt className="text-muted-foreground">Members</dt>
              <dd className="tabular-nums">{memberCount}</dd>
              <dt className="text-muted-foreground">Created</dt>
              <dd>{formatDateTime(space.createdAt)}</dd>
            </dl>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Description</CardTitle>
            <CardDescription>What this space is for.</CardDescription>
          </CardHeader>
          <CardContent>
            <p className="text-sm whitespace-pre-wrap">
              {space.description || "No description yet."}
            </p>
          </CardContent>
        </Card>
      </div>
      <div className="grid gap-6 md:grid-cols-2">
        <SectionLink
          href={`/spaces/${space.name}/environments`}
          icon={<Layers aria-hidden />}
          title="Environments"
          description="Namespaces on registered clusters with quota, network policy and access for this space's members."
        />
        <SectionLink
          href={`/spaces/${space.name}/applications`}
          icon={<Rocket aria-hidden />}
          title="Applications"
          description="Components, snapshots of their images, and the environments that run them."
        />
      </div>
    </div>
  );
}

function SectionLink({
  href,
  icon,
  title,
  description,
}: {
  href: string;
  icon: ReactNode;
  title: string;
  description: string;
}) {
  return (
    <Link
      href={href}
      className="focus-visible:ring-ring bg-card hover:bg-muted/40 flex items-start gap-4 rounded-lg border p-5 outline-none focus-visible:ring-2"
    >
      <span className="bg-muted text-muted-foreground flex size-10 shrink-0 items-center justify-center rounded-full [&_svg]:size-5">
        {icon}
      </span>
      <span className="flex flex-col gap-1">
        <span className="font-semibold">{title}</span>
        <span className="text-muted-foreground text-sm">{description}</span>
      </span>
    </Link>
  );
}
