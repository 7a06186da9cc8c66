import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { formatDateTime } from "@/lib/format";
import type { TConnectionView } from "./connection-actions";

export const NOT_CONFIGURED_TEXT =
  "This cluster has no user sign-in: Slipway acts with the cluster's service credentials and Slipway's roles decide.";

/** The person's connection in words: who the cluster takes them to be, and until when. */
export function ConnectionStatus({ status }: { status: TConnectionView["status"] }) {
  switch (status.kind) {
    case "not-configured":
      return <p className="text-muted-foreground text-sm">{NOT_CONFIGURED_TEXT}</p>;
    case "not-connected":
      return (
        <p className="text-sm">
          <Badge variant="outline">Not connected</Badge> Connect to act on this cluster as yourself.
        </p>
      );
    case "reconnect-needed":
      return (
        <p className="text-sm" role="alert">
          <Badge variant="destructive">Reconnect needed</Badge> As{" "}
          <span className="font-mono">{status.username}</span>: {status.reason}.
        </p>
      );
    case "connected":
      return (
        <div className="space-y-1 text-sm">
          <p>
            <Badge variant="success">Connected</Badge> as{" "}
            <span className="font-mono">{status.username}</span>
          </p>
          <p className="text-muted-foreground">
            Groups: {status.groups.length > 0 ? status.groups.join(", ") : "none"} · Sign-in expires{" "}
            <time dateTime={status.expiresAt.toISOString()}>
              {formatDateTime(status.expiresAt)}
            </time>{" "}
            {status.renewable
              ? "(renewed automatically)"
              : "(no refresh token: connect again then)"}{" "}
            · Last used {status.lastUsedAt ? formatDateTime(status.lastUsedAt) : "never"}
          </p>
          {status.boundAsOtherName ? (
            <Alert variant="warning" role="note" title="Your space role does not apply here">
              Slipway&apos;s role bindings on this cluster name you{" "}
              <span className="font-mono">{status.boundAsOtherName}</span>, but it knows you as{" "}
              <span className="font-mono">{status.username}</span>: ask an admin to make the
              cluster&apos;s sign-in name users by e-mail.
            </Alert>
          ) : null}
        </div>
      );
  }
}
