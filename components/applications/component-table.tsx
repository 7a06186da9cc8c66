import Link from "next/link";
import { Button } from "@/components/ui/button";
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";
import type { RouterOutputs } from "@/lib/trpc/types";
import { DeleteComponentButton } from "./delete-component-button";

type TComponent = RouterOutputs["component"]["list"]["items"][number];

export function ComponentTable({
  space,
  application,
  components,
  canEdit,
  canDelete,
}: {
  space: string;
  application: string;
  components: TComponent[];
  canEdit: boolean;
  canDelete: boolean;
}) {
  return (
    <Table aria-label="Components">
      <TableHeader>
        <TableRow>
          <TableHead>Component</TableHead>
          <TableHead>Image now</TableHead>
          <TableHead>GitOps source</TableHead>
          <TableHead>Source repository</TableHead>
          {canEdit || canDelete ? (
            <TableHead>
              <span className="sr-only">Actions</span>
            </TableHead>
          ) : null}
        </TableRow>
      </TableHeader>
      <TableBody>
        {components.map((component) => (
          <TableRow key={component.id} data-testid={`component-${component.name}`}>
            <TableCell>
              <div className="font-medium">{component.displayName}</div>
              <div className="text-muted-foreground font-mono text-xs">{component.name}</div>
            </TableCell>
            <TableCell className="font-mono text-xs break-all">
              {component.containerImage}
            </TableCell>
            <TableCell className="text-xs">
              <div className="font-mono break-all">{component.gitopsSource.repoUrl}</div>
              <div className="text-muted-foreground">
                <span className="font-mono">{component.gitopsSource.path}</span> at{" "}
                <span className="font-mono">{component.gitopsSource.targetRevision}</span> (
                {component.gitopsSource.type})
              </div>
            </TableCell>
            <TableCell className="font-mono text-xs break-all">{component.sourceUrl}</TableCell>
            {canEdit || canDelete ? (
              <TableCell className="text-right whitespace-nowrap">
                {canEdit ? (
                  <Button asChild variant="ghost" size="sm">
                    <Link
                      href={`/spaces/${space}/applications/${application}/components/${component.name}/edit`}
                      aria-label={`Edit component ${component.name}`}
                    >
                      Edit
                    </Link>
                  </Button>
                ) : null}
                {canDelete ? (
                  <DeleteComponentButton
                    space={space}
                    application={application}
                    component={component.name}
                  />
                ) : null}
              </TableCell>
            ) : null}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
