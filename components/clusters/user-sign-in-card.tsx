"use client";

import { useMutation } from "@tanstack/react-query";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { toast } from "@/components/ui/toast";
import { toastMutationError } from "@/components/ui/mutation-error-toast";
import { useTRPC } from "@/lib/trpc/react";
import type { RouterOutputs } from "@/lib/trpc/types";
import { useRefresh } from "@/lib/trpc/use-refresh";
import { UserSignInDialog } from "./user-sign-in-dialog";

type TSignIn = RouterOutputs["clusterSignIn"]["get"];
type TTestResult = RouterOutputs["clusterSignIn"]["test"];

const KIND_LABEL = { none: "None", oidc: "OpenID Connect", openshift: "OpenShift OAuth" } as const;

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-[12rem_1fr] gap-2 py-1 text-sm">
      <dt className="text-muted-foreground">{label}</dt>
      <dd className="break-all">{children}</dd>
    </div>
  );
}

/** How people sign in to this cluster as themselves; the client secret only as "set" / "not set". */
export function UserSignInCard({ name, signIn }: { name: string; signIn: TSignIn }) {
  const trpc = useTRPC();
  const refresh = useRefresh();
  const onError = (error: unknown) => toastMutationError(error);
  const test = useMutation(trpc.clusterSignIn.test.mutationOptions({ onError }));
  const clear = useMutation(
    trpc.clusterSignIn.clear.mutationOptions({
      onSuccess: () => {
        toast({
          title: "User sign-in removed",
          description: "Users act with service credentials.",
        });
        test.reset();
        refresh();
      },
      onError,
    }),
  );
  return (
    <Card>
      <CardHeader>
        <CardTitle className="flex flex-wrap items-center gap-2">
          User sign-in <Badge variant="secondary">{KIND_LABEL[signIn.kind]}</Badge>
        </CardTitle>
      </CardHeader>
      <CardContent className="space-y-4">
        {signIn.kind === "none" ? (
          <p className="text-sm">
            Users act with the cluster&apos;s service credentials; Slipway&apos;s roles decide.
          </p>
        ) : (
          <dl>
            {signIn.issuerUrl ? <Row label="Issuer URL">{signIn.issuerUrl}</Row> : null}
            <Row label="Client ID">{signIn.clientId}</Row>
            <Row label="Client secret">{signIn.clientSecretSet ? "set" : "not set"}</Row>
            <Row label="Scopes">{signIn.scopes}</Row>
            {signIn.kind === "oidc" ? (
              <>
                <Row label="Username">
                  claim {signIn.usernameClaim}, prefix{" "}
                  {signIn.effectiveUsernamePrefix === ""
                    ? "none"
                    : `"${signIn.effectiveUsernamePrefix}"`}
                </Row>
                <Row label="Groups">
                  {signIn.groupsClaim
                    ? `claim ${signIn.groupsClaim}, prefix ${signIn.groupsPrefix ? `"${signIn.groupsPrefix}"` : "none"}`
                    : "none"}
                </Row>
                <Row label="Issuer CA">{signIn.caData ? "custom CA bundle" : "system roots"}</Row>
              </>
            ) : (
              <>
                <Row label="Username">as the cluster names the token&apos;s user</Row>
                <Row label="OAuth server CA">
                  {signIn.caData ? "custom CA bundle" : "the cluster's CA and system roots"}
                </Row>
              </>
            )}
          </dl>
        )}
        <div className="flex flex-wrap gap-2">
          <UserSignInDialog name={name} current={signIn} />
          {signIn.kind !== "none" ? (
            <>
              <Button
                variant="outline"
                disabled={test.isPending}
                onClick={() => test.mutate({ name })}
              >
                {test.isPending ? "Testing…" : "Test"}
              </Button>
              <Button
                variant="outline"
                disabled={clear.isPending}
                onClick={() => clear.mutate({ name })}
              >
                Remove
              </Button>
            </>
          ) : null}
        </div>
        {test.data ? (
          <TestResult result={test.data} openShift={signIn.kind === "openshift"} />
        ) : null}
      </CardContent>
    </Card>
  );
}

function TestResult({ result, openShift }: { result: TTestResult; openShift: boolean }) {
  const found = result.found;
  return (
    <Alert
      variant={result.ok ? "info" : "destructive"}
      title={
        result.ok
          ? `The ${openShift ? "OAuth server" : "issuer"} answers as expected`
          : "Problems found"
      }
      data-testid="sign-in-test-result"
    >
      {result.problems.length > 0 ? (
        <ul className="list-disc pl-4">
          {result.problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      ) : null}
      {found ? (
        <dl className="mt-2">
          <Row label="Authorization endpoint">{found.authorizationEndpoint ?? "—"}</Row>
          <Row label="Token endpoint">{found.tokenEndpoint ?? "—"}</Row>
          <Row label="Revocation endpoint">
            {found.revocationEndpoint ??
              (openShift
                ? "none: Disconnect logs the token out at the cluster (useroauthaccesstokens)"
                : "none (disconnect only forgets tokens)")}
          </Row>
          <Row label="PKCE S256">{found.pkceS256 ? "supported" : "not advertised"}</Row>
          {openShift ? null : (
            <Row label="Signing algorithms">{found.signingAlgs.join(", ") || "—"}</Row>
          )}
          {found.signingKeys !== null ? (
            <Row label="Signing keys">{String(found.signingKeys)}</Row>
          ) : null}
        </dl>
      ) : null}
    </Alert>
  );
}
