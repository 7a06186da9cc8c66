import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";
import { formatDateTime } from "@/lib/format";
import type { RouterOutputs } from "@/lib/trpc/types";
import { DeleteCredentialButton } from "./delete-credential-button";
import { RotateCredentialDialog } from "./rotate-credential-dialog";

type TCredential = RouterOutputs["repositoryCredential"]["list"]["items"][number];

/** The space's credentials: whose and for where, never the secret itself. */
export function CredentialTable({
  space,
  credentials,
  canRotate,
  canDelete,
}: {
  space: string;
  credentials: TCredential[];
  canRotate: boolean;
  canDelete: boolean;
}) {
  return (
    <Table aria-label="Repository credentials">
      <TableHeader>
        <TableRow>
          <TableHead>Repository</TableHead>
          <TableHead>Kind</TableHead>
          <TableHead>Secret</TableHead>
          <TableHead>Last rotated</TableHead>
          {canRotate || canDelete ? (
            <TableHead>
              <span className="sr-only">Actions</span>
            </TableHead>
          ) : null}
        </TableRow>
      </TableHeader>
      <TableBody>
        {credentials.map((credential) => (
          <TableRow key={credential.id} data-testid={`credential-${credential.repository}`}>
            <TableCell className="font-mono text-sm break-all">{credential.repository}</TableCell>
            <TableCell>{credential.kind}</TableCell>
            <TableCell className="text-sm">
              {credential.kind === "https"
                ? `${credential.username ?? ""} — ${credential.hasToken ? "token held" : "no token"}`
                : credential.hasPrivateKey
                  ? "private key held"
                  : "no key"}
            </TableCell>
            <TableCell className="text-sm whitespace-nowrap">
              {credential.rotatedAt
                ? formatDateTime(credential.rotatedAt)
                : `never (added ${formatDateTime(credential.createdAt)})`}
            </TableCell>
            {canRotate || canDelete ? (
              <TableCell className="text-right whitespace-nowrap">
                {canRotate ? (
                  <RotateCredentialDialog space={space} credential={credential} />
                ) : null}
                {canDelete ? (
                  <DeleteCredentialButton space={space} credential={credential} />
                ) : null}
              </TableCell>
            ) : null}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
