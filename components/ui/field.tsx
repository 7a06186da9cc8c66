import * as React from "react";

import { cn } from "@/lib/utils";
import { Label } from "@/components/ui/label";
import { Slot } from "@/components/ui/slot";

/** Props a `Field` hands to its control so it is labelled, described and flagged invalid. */
export type FieldControlProps = {
  id: string;
  "aria-describedby"?: string;
  "aria-invalid"?: true;
  "aria-required"?: true;
};

export type FieldProps = {
  /** Visible label text. */
  label: React.ReactNode;
  /** Id for the control; generated when omitted. */
  id?: string;
  /** Help text shown under the control. */
  description?: React.ReactNode;
  /**
   * Validation error(s), e.g. a zod `fieldErrors.name` array. Only the first message of an array
   * is shown. Empty / undefined renders nothing.
   */
  error?: string | readonly string[] | null;
  /** Adds a visual "required" marker and `aria-required` on the control. */
  required?: boolean;
  className?: string;
  /**
   * The control. Either a single element (it receives `id`, `aria-describedby`, `aria-invalid`
   * through a Slot), or a function receiving those props.
   */
  children: React.ReactElement | ((controlProps: FieldControlProps) => React.ReactNode);
};

/**
 * Label + control + description + error, with the accessibility wiring done for you:
 *
 * ```tsx
 * <Field label="Name" description="Lowercase, dashes allowed" error={errors?.name}>
 *   <Input name="name" defaultValue={values.name} />
 * </Field>
 * ```
 */
export function Field({
  label,
  id,
  description,
  error,
  required,
  className,
  children,
}: FieldProps) {
  const generatedId = React.useId();
  const controlId = id ?? `field-${generatedId}`;
  const descriptionId = `${controlId}-description`;
  const errorId = `${controlId}-error`;
  const message = typeof error === "string" ? error : error?.[0];
  const hasError = Boolean(message);

  const describedBy =
    [description ? descriptionId : null, hasError ? errorId : null].filter(Boolean).join(" ") ||
    undefined;

  const controlProps: FieldControlProps = {
    id: controlId,
    ...(describedBy ? { "aria-describedby": describedBy } : {}),
    ...(hasError ? { "aria-invalid": true as const } : {}),
    ...(required ? { "aria-required": true as const } : {}),
  };

  return (
    <div className={cn("grid gap-2", className)} data-invalid={hasError || undefined}>
      <Label htmlFor={controlId} className={cn(hasError && "text-destructive")}>
        {label}
        {required ? (
          <span aria-hidden="true" className="text-destructive ml-0.5">
            *
          </span>
        ) : null}
      </Label>
      {typeof children === "function" ? (
        children(controlProps)
      ) : (
        <Slot {...controlProps}>{children}</Slot>
      )}
      {description ? (
        <p id={descriptionId} className="text-muted-foreground text-xs">
          {description}
        </p>
      ) : null}
      {hasError ? (
        <p id={errorId} role="alert" className="text-destructive text-xs font-medium">
          {message}
        </p>
      ) : null}
    </div>
  );
}
