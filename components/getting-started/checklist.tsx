import Link from "next/link";
import { CheckCircle2, Circle, Clock } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import type { RouterOutputs } from "@/lib/trpc/types";

type TGettingStartedStep = RouterOutputs["gettingStarted"]["get"]["steps"][number];

const STATE_LABEL = { done: "Done", todo: "To do", coming: "Coming" } as const;

export function GettingStartedChecklist({ steps }: { steps: TGettingStartedStep[] }) {
  return (
    <Card>
      <ol className="divide-border divide-y" aria-label="Getting started checklist">
        {steps.map((step) => (
          <li
            key={step.id}
            data-testid={`step-${step.id}`}
            data-state={step.state}
            className="flex items-start gap-4 p-5"
            aria-disabled={step.state === "coming" ? true : undefined}
          >
            <StepIcon state={step.state} />
            <div className="min-w-0 flex-1">
              <div className="flex flex-wrap items-center gap-2">
                <h3
                  className={
                    step.state === "coming" ? "text-muted-foreground font-medium" : "font-medium"
                  }
                >
                  {step.title}
                </h3>
                <Badge
                  variant={
                    step.state === "done" ? "success" : step.state === "todo" ? "default" : "muted"
                  }
                >
                  {STATE_LABEL[step.state]}
                </Badge>
              </div>
              <p className="text-muted-foreground mt-1 text-sm">{step.description}</p>
            </div>
            {step.href ? (
              <Button asChild size="sm">
                <Link href={step.href}>Start</Link>
              </Button>
            ) : null}
          </li>
        ))}
      </ol>
    </Card>
  );
}

function StepIcon({ state }: { state: TGettingStartedStep["state"] }) {
  if (state === "done")
    return <CheckCircle2 className="text-success mt-0.5 size-5 shrink-0" aria-hidden />;
  if (state === "coming")
    return <Clock className="text-muted-foreground mt-0.5 size-5 shrink-0" aria-hidden />;
  return <Circle className="text-primary mt-0.5 size-5 shrink-0" aria-hidden />;
}
