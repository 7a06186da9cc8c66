"use client";

import { Download } from "lucide-react";
import { Button } from "@/components/ui/button";
import { ScrollableCode } from "@/components/ui/scrollable-code";

/** The space's YAML, read-only, with a download of the same text. */
export function ExportPanel({
  space,
  yaml,
  documents,
}: {
  space: string;
  yaml: string;
  documents: number;
}) {
  function download() {
    const url = URL.createObjectURL(new Blob([yaml], { type: "application/yaml" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = `${space}.yaml`;
    link.click();
    URL.revokeObjectURL(url);
  }

  return (
    <div className="space-y-3">
      <div className="flex items-center justify-between gap-4">
        <p className="text-muted-foreground text-sm">
          {documents === 0
            ? "This space has nothing to export yet."
            : `${documents} ${documents === 1 ? "object" : "objects"}.`}
        </p>
        <Button type="button" variant="outline" onClick={download} disabled={documents === 0}>
          <Download aria-hidden />
          Download YAML
        </Button>
      </div>
      <ScrollableCode label="Exported YAML" className="max-h-[28rem] rounded-md p-4 font-mono">
        {yaml || "# empty"}
      </ScrollableCode>
    </div>
  );
}
