import { connectHref } from "@/lib/cluster-connect";
import type { TEnvironmentConnection } from "./blocked-reason";

/**
 * Who Slipway acts as when promoting into an environment, shown before anyone clicks: the
 * cluster's service credentials, the person's own account, or a prompt to (re)connect with the
 * link that starts it and comes back here.
 */
export function CredentialHealth({
  connection,
  returnTo,
}: {
  connection: TEnvironmentConnection | undefined;
  returnTo: string;
}) {
  if (!connection) return null;
  const { cluster, status } = connection;
  // A cluster registered without a display name goes by its name, as on the environment page.
  const label = cluster.displayName || cluster.name;
  // A plain link, never next/link: Link prefetches what is in view, and a GET of the connect route
  // starts an attempt and redirects to the identity provider.
  const connect = (text: string) => (
    <a href={connectHref(cluster.name, returnTo)} className="font-medium underline">
      {text}
    </a>
  );
  switch (status.kind) {
    case "not-configured":
      return (
        <p className="text-muted-foreground text-xs">
          Slipway acts with the cluster&apos;s service credentials.
        </p>
      );
    case "connected":
      return (
        <p className="text-muted-foreground text-xs">
          Acts as you: <span className="font-mono">{status.username}</span> on {label}
        </p>
      );
    case "not-connected":
      return (
        <p className="text-xs" role="status">
          Not connected to {label}. {connect(`Connect to ${label}`)}
        </p>
      );
    case "reconnect-needed":
      return (
        <p className="text-xs" role="status">
          Reconnect needed on {label}: {status.reason}. {connect(`Reconnect to ${label}`)}
        </p>
      );
  }
}
