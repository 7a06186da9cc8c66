import type { Metadata } from "next";
import type { ReactNode } from "react";
import { redirect } from "next/navigation";
import { FlaskConicalIcon, GithubIcon, KeyRoundIcon } from "lucide-react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import {
  auth,
  configuredProviders,
  isSignInRefusal,
  safeCallbackUrl,
  SIGN_IN_REFUSALS,
  type TProviderInfo,
} from "@/server/auth";
import { env } from "@/server/env";
import { DEMO_PASSWORD, DEMO_USERS } from "@/server/dev/oidc/users";
import { signInWithProvider } from "./actions";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

// Auth.js's client-safe error codes (anything else arrives as "Configuration").
const ERROR_MESSAGES: Record<string, string> = {
  OAuthAccountNotLinked:
    "Another account already uses this e-mail address. Sign in the way you signed in before.",
  AccountNotLinked:
    "Another account already uses this e-mail address. Sign in the way you signed in before.",
  OAuthCallbackError:
    "The identity provider did not complete the sign-in. It may have been cancelled; try again.",
  AccessDenied: "You are not allowed to sign in to Slipway.",
  Verification: "The sign-in link is no longer valid. Start again.",
  MissingCSRF: "The sign-in form expired. Try again.",
  Configuration:
    "Sign-in is not set up correctly on this server. An administrator can find details in Slipway's logs.",
};
const DEFAULT_ERROR = "Sign-in failed. Try again.";

const ICONS = { oidc: KeyRoundIcon, github: GithubIcon, dev: FlaskConicalIcon } as const;

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** A refusal by Slipway's sign-in policy names its reason (a known code, never free text). */
function errorMessage(error: string, reason: string | undefined): string {
  if (error === "AccessDenied" && isSignInRefusal(reason)) {
    return `Your account is not allowed to sign in here: ${SIGN_IN_REFUSALS[reason]}`;
  }
  return ERROR_MESSAGES[error] ?? DEFAULT_ERROR;
}

type TSignInPageProps = {
  searchParams: Promise<{
    callbackUrl?: string | string[];
    error?: string | string[];
    reason?: string | string[];
  }>;
};

export default async function SignInPage({ searchParams }: TSignInPageProps) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(first(params.callbackUrl));
  if (await auth()) redirect(callbackUrl);

  const error = first(params.error);
  const providers = configuredProviders();
  const devActive = providers.some((provider) => provider.kind === "dev");
  const adminsListed = env.SLIPWAY_ADMINS.length > 0;

  return (
    <Card>
      <CardHeader className="items-center text-center">
        <CardTitle className="text-xl">Sign in to Slipway</CardTitle>
        <CardDescription>Use your organisation&apos;s account to continue.</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-3">
        {error ? (
          <Alert
            variant="destructive"
            title="Could not sign you in"
            description={errorMessage(error, first(params.reason))}
          />
        ) : null}
        {providers.map((provider, index) => (
          <ProviderButton
            key={provider.id}
            provider={provider}
            callbackUrl={callbackUrl}
            primary={index === 0}
          />
        ))}
        {providers.length === 0 ? (
          <Alert
            variant="warning"
            title="No sign-in method is configured"
            description="Set AUTH_OIDC_ISSUER, AUTH_OIDC_ID and AUTH_OIDC_SECRET (or AUTH_GITHUB_ID and AUTH_GITHUB_SECRET) and restart Slipway."
          />
        ) : null}
        {devActive ? (
          <Alert variant="info" title="Development sign-in" data-testid="dev-sign-in-hint">
            <p className="text-muted-foreground">
              Demo users:{" "}
              {DEMO_USERS.map((user, index) => (
                <span key={user.username}>
                  {index > 0 ? " / " : null}
                  <Code>{user.username}</Code>
                </span>
              ))}
              , password <Code>{DEMO_PASSWORD}</Code>.
            </p>
            <p className="text-muted-foreground text-xs">
              No identity provider is configured, so Slipway runs a built-in one for development.
              {adminsListed
                ? null
                : " The first user to sign in becomes the administrator: start with alice."}
            </p>
          </Alert>
        ) : null}
      </CardContent>
    </Card>
  );
}

function Code({ children }: { children: ReactNode }) {
  return (
    <code className="bg-background text-foreground rounded px-1 py-0.5 font-mono text-xs">
      {children}
    </code>
  );
}

function ProviderButton({
  provider,
  callbackUrl,
  primary,
}: {
  provider: TProviderInfo;
  callbackUrl: string;
  /** The first provider is the prominent one. */
  primary: boolean;
}) {
  const Icon = ICONS[provider.kind];
  return (
    <form action={signInWithProvider.bind(null, provider.id, callbackUrl)}>
      <Button type="submit" size="lg" variant={primary ? "default" : "outline"} className="w-full">
        <Icon aria-hidden="true" />
        Sign in with {provider.name}
      </Button>
    </form>
  );
}
