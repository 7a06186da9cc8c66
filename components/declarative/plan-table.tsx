import { Badge, type BadgeProps } from "@/components/ui/badge";
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";
import type { RouterOutputs } from "@/lib/trpc/types";

type TPlan = RouterOutputs["declarative"]["plan"];

const ACTION_BADGES: Record<TPlan["items"][number]["action"], BadgeProps["variant"]> = {
  create: "success",
  update: "accent",
  unchanged: "muted",
  refused: "destructive",
};

/** What an import would do to each object: created, updated (which fields), unchanged or refused. */
export function PlanTable({ plan }: { plan: TPlan }) {
  return (
    <Table aria-label="Import plan">
      <TableHeader>
        <TableRow>
          <TableHead>Kind</TableHead>
          <TableHead>Name</TableHead>
          <TableHead>Action</TableHead>
          <TableHead>Changes or reason</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {plan.items.map((item) => (
          <TableRow key={item.index} data-testid={`plan-${item.kind}-${item.name}`}>
            <TableCell>{item.kind}</TableCell>
            <TableCell className="font-mono text-sm">{item.name}</TableCell>
            <TableCell>
              <Badge variant={ACTION_BADGES[item.action]}>{item.action}</Badge>
            </TableCell>
            <TableCell className="space-y-1 text-sm">
              {item.reason ? <p>{item.reason}</p> : null}
              {item.changes.map((change) => (
                <p key={change.field}>
                  <span className="font-medium">{change.field}</span>:{" "}
                  <span className="text-muted-foreground line-through">{change.before || "—"}</span>{" "}
                  → <span className="font-mono">{change.after || "—"}</span>
                </p>
              ))}
              {item.notes.map((note) => (
                <p key={note} className="text-muted-foreground">
                  {note}
                </p>
              ))}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** Documents that could not be read, validated or resolved: where, and what is wrong. */
export function PlanErrors({ errors }: { errors: TPlan["errors"] }) {
  return (
    <Table aria-label="Problems in the YAML">
      <TableHeader>
        <TableRow>
          <TableHead>Document</TableHead>
          <TableHead>Object</TableHead>
          <TableHead>Field</TableHead>
          <TableHead>Problem</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {errors.map((error, i) => (
          <TableRow key={`${error.index}-${error.path}-${i}`}>
            <TableCell>{error.index + 1}</TableCell>
            <TableCell className="font-mono text-sm">
              {[error.kind, error.name].filter(Boolean).join(" ") || "—"}
            </TableCell>
            <TableCell className="font-mono text-sm">{error.path || "—"}</TableCell>
            <TableCell className="text-sm">{error.message}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
