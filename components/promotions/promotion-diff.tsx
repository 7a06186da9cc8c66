import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";
import type { RouterOutputs } from "@/lib/trpc/types";

type TComponentPreview = RouterOutputs["promotion"]["preview"]["components"][number];
type TVariable = TComponentPreview["env"]["now"][number];

const envText = (vars: TVariable[]) =>
  vars.length > 0 ? vars.map((v) => `${v.name}=${v.value}`).join(" ") : "—";

function Change({ now, after }: { now: string; after: string }) {
  if (now === after) return <span className="text-muted-foreground">{after} (unchanged)</span>;
  return (
    <>
      <del className="text-muted-foreground block">{now}</del>
      <ins className="block no-underline">{after}</ins>
    </>
  );
}

/** What a promotion changes per component: image, replicas and variables, now → after. */
export function PromotionDiff({ components }: { components: TComponentPreview[] }) {
  if (components.length === 0) {
    return <p className="text-muted-foreground text-sm">This snapshot has no components.</p>;
  }
  return (
    <Table aria-label="Changes per component">
      <TableHeader>
        <TableRow>
          <TableHead>Component</TableHead>
          <TableHead>Image</TableHead>
          <TableHead>Replicas</TableHead>
          <TableHead>Variables</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {components.map((c) => (
          <TableRow key={c.component} data-testid={`diff-${c.component}`}>
            <TableCell className="font-mono text-sm">
              {c.component}
              {c.changed ? null : (
                <span className="text-muted-foreground block font-sans text-xs">no change</span>
              )}
            </TableCell>
            <TableCell className="font-mono text-xs break-all">
              <Change now={c.image.now ?? "not deployed"} after={c.image.after ?? "removed"} />
            </TableCell>
            <TableCell className="text-sm">
              <Change
                now={c.replicas.now === null ? "from Git" : String(c.replicas.now)}
                after={c.replicas.after === null ? "from Git" : String(c.replicas.after)}
              />
            </TableCell>
            <TableCell className="font-mono text-xs break-all">
              <Change now={envText(c.env.now)} after={envText(c.env.after)} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
