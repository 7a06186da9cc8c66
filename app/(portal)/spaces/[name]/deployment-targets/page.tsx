import type { Metadata } from "next";
import { Target } from "lucide-react";
import { ClaimTable } from "@/components/deployment-targets/claim-table";
import { CreateClaimForm } from "@/components/deployment-targets/create-claim-form";
import { AutoRefresh } from "@/components/ui/auto-refresh";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { CursorPagination } from "@/components/ui/cursor-pagination";
import { EmptyState } from "@/components/ui/empty-state";
import { MAX_PAGE_SIZE } from "@/lib/validators/pagination";
import { roleAtLeast } from "@/lib/validators/space";
import { getServerApi } from "@/server/api/server";
import { loadPagedList } from "../../../list-page";
import { loadSpace } from "../space-data";

export const metadata: Metadata = { title: "Deployment targets" };

export default async function SpaceDeploymentTargetsPage({
  params,
  searchParams,
}: {
  params: Promise<{ name: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { name } = await params;
  const { role } = await loadSpace(name);
  const api = await getServerApi();
  const path = `/spaces/${name}/deployment-targets`;
  const canChange = roleAtLeast(role, "contributor");
  const [{ page: claims, isFirstPage, hrefFor }, classes] = await Promise.all([
    loadPagedList(path, searchParams, (cursor) =>
      api.deploymentTargetClaim.list({ space: name, cursor }),
    ),
    canChange ? api.deploymentTargetClass.list({ limit: MAX_PAGE_SIZE }) : null,
  ]);
  return (
    <div className="space-y-6">
      {classes ? (
        <Card>
          <CardHeader>
            <CardTitle>Claim a deployment target</CardTitle>
            <CardDescription>
              A namespace of its own on a cluster, chosen by class. Environments can use the claim
              instead of naming a cluster.
            </CardDescription>
          </CardHeader>
          <CardContent>
            {classes.items.length > 0 ? (
              <CreateClaimForm space={name} classes={classes.items} />
            ) : (
              <p className="text-muted-foreground text-sm">
                No classes yet: an administrator defines them.
              </p>
            )}
          </CardContent>
        </Card>
      ) : null}
      {claims.items.length === 0 && isFirstPage ? (
        <EmptyState
          icon={<Target aria-hidden />}
          title="No claims yet"
          description="Claims made in this space appear here with the target bound to each."
        />
      ) : (
        <>
          {/* Follow the claims while any is still waiting for its target. */}
          <AutoRefresh active={claims.items.some((claim) => claim.phase === "Pending")} />
          <ClaimTable space={name} claims={claims.items} canDelete={canChange} />
          <CursorPagination
            prev={claims.prev}
            next={claims.next}
            hrefFor={hrefFor}
            labels={{ prev: "Newer", next: "Older" }}
          />
        </>
      )}
    </div>
  );
}
