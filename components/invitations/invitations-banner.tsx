import Link from "next/link";
import { Alert } from "@/components/ui/alert";

/** Shown across the portal while invitations addressed to the signed-in person are open. */
export function InvitationsBanner({ count }: { count: number }) {
  if (count <= 0) return null;
  const title = count === 1 ? "You have 1 invitation" : `You have ${count} invitations`;
  return (
    <Alert
      title={title}
      className="mb-6"
      data-testid="invitations-banner"
      description="Someone invited you to join a space."
    >
      <Link
        href="/invitations"
        className="text-primary w-fit font-medium underline-offset-4 hover:underline"
      >
        See your invitations
      </Link>
    </Alert>
  );
}
