"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { AUDIT_ACTIONS, auditActionLabel } from "@/lib/audit-actions";
import { listHref } from "@/lib/list-href";
import { validateForm, type TFieldMessages } from "@/lib/validate-form";
import { ADMIN_ACTIVITY_PATH, ZAdminActivityFiltersSchema } from "@/lib/validators/admin-activity";
import { ActorPicker, type TActorOption } from "./actor-picker";

/**
 * The admin activity filters. They live in the URL (`?actor=&space=&action=`), so a filtered list
 * can be shared and reloaded; applying them starts again from the first page.
 */
export function ActivityFilters({
  actor: initialActor,
  space: initialSpace,
  action: initialAction,
  errors: serverErrors,
}: {
  actor: TActorOption | null;
  space: string;
  action: string;
  errors: TFieldMessages;
}) {
  const router = useRouter();
  const [actor, setActor] = useState(initialActor);
  const [space, setSpace] = useState(initialSpace);
  const [action, setAction] = useState(initialAction);
  const [clientErrors, setClientErrors] = useState<TFieldMessages | null>(null);
  const errors = clientErrors ?? serverErrors;

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const result = validateForm(ZAdminActivityFiltersSchema, {
      actor: actor?.id,
      space: space.trim() || undefined,
      action: action || undefined,
    });
    if (!result.ok) {
      setClientErrors(result.fields);
      return;
    }
    setClientErrors({});
    router.push(listHref(ADMIN_ACTIVITY_PATH, result.data));
  }

  return (
    <form
      onSubmit={onSubmit}
      noValidate
      aria-label="Filter activity"
      className="grid gap-3 sm:grid-cols-[1fr_1fr_1fr_auto] sm:items-start"
    >
      <Field label="Actor" error={errors.actor}>
        {(control) => <ActorPicker value={actor} onChange={setActor} control={control} />}
      </Field>
      <Field
        label="Space"
        error={errors.space}
        description="A space's name; deleted spaces' names work too."
      >
        <Input
          name="space"
          value={space}
          autoComplete="off"
          onChange={(event) => setSpace(event.target.value)}
        />
      </Field>
      <Field label="Action" error={errors.action}>
        <NativeSelect
          name="action"
          value={action}
          onChange={(event) => setAction(event.target.value)}
        >
          <option value="">Any action</option>
          {AUDIT_ACTIONS.map((value) => (
            <option key={value} value={value}>
              {value} — {auditActionLabel(value)}
            </option>
          ))}
        </NativeSelect>
      </Field>
      <div className="flex gap-2 sm:mt-7">
        <Button type="submit">Apply filters</Button>
        <Button asChild variant="outline">
          <Link href={ADMIN_ACTIVITY_PATH}>Clear</Link>
        </Button>
      </div>
    </form>
  );
}
