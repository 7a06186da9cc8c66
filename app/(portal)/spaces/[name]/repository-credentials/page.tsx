import type { Metadata } from "next";
import { KeyRound } from "lucide-react";
import { CreateCredentialForm } from "@/components/repository-credentials/create-credential-form";
import { CredentialTable } from "@/components/repository-credentials/credential-table";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { CursorPagination } from "@/components/ui/cursor-pagination";
import { EmptyState } from "@/components/ui/empty-state";
import { roleAtLeast } from "@/lib/validators/space";
import { getServerApi } from "@/server/api/server";
import { loadPagedList } from "../../../list-page";
import { loadSpace } from "../space-data";

export const metadata: Metadata = { title: "Repository credentials" };

export default async function RepositoryCredentialsPage({
  params,
  searchParams,
}: {
  params: Promise<{ name: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { name } = await params;
  const { role } = await loadSpace(name);
  const api = await getServerApi();
  const path = `/spaces/${name}/repository-credentials`;
  const { page, isFirstPage, hrefFor } = await loadPagedList(path, searchParams, (cursor) =>
    api.repositoryCredential.list({ space: name, cursor }),
  );
  const canChange = roleAtLeast(role, "contributor");
  return (
    <div className="space-y-6">
      {canChange ? (
        <Card>
          <CardHeader>
            <CardTitle>Add a repository credential</CardTitle>
            <CardDescription>
              For private Git repositories your components name. Argo CD uses it to read them; the
              token or key is sealed and never shown again.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <CreateCredentialForm space={name} />
          </CardContent>
        </Card>
      ) : null}
      {page.items.length === 0 && isFirstPage ? (
        <EmptyState
          icon={<KeyRound aria-hidden />}
          title="No repository credentials"
          description="Public repositories need none. Credentials added here are listed without their secrets."
        />
      ) : (
        <>
          <CredentialTable
            space={name}
            credentials={page.items}
            canRotate={canChange}
            canDelete={role === "owner"}
          />
          <CursorPagination prev={page.prev} next={page.next} hrefFor={hrefFor} />
        </>
      )}
    </div>
  );
}
