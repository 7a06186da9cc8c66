import * as React from "react";
import { SearchIcon } from "lucide-react";

import { cn } from "@/lib/utils";
import { inputClassName } from "@/components/ui/input";

export type SearchInputProps = {
  /** Current query (e.g. from `searchParams.q`). */
  defaultValue?: string;
  placeholder?: string;
  /** Accessible label; also used as the placeholder fallback. Default "Search". */
  label?: string;
  /** Form action URL; defaults to the current URL. */
  action?: string;
  /** Extra query params to keep when searching (e.g. filters). `page` is intentionally dropped. */
  hiddenFields?: Record<string, string | undefined>;
  className?: string;
};

/** A plain GET form (`?q=…`) that works without JavaScript. */
export function SearchInput({
  defaultValue,
  placeholder,
  label = "Search",
  action,
  hiddenFields,
  className,
}: SearchInputProps) {
  const id = React.useId();
  return (
    <form
      role="search"
      method="get"
      action={action}
      className={cn("relative w-full max-w-sm", className)}
    >
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <SearchIcon
        aria-hidden="true"
        className="text-muted-foreground pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2"
      />
      <input
        id={id}
        type="search"
        name="q"
        defaultValue={defaultValue}
        placeholder={placeholder ?? `${label}…`}
        autoComplete="off"
        className={cn(inputClassName, "pr-3 pl-8")}
      />
      {hiddenFields
        ? Object.entries(hiddenFields).map(([key, value]) =>
            value === undefined ? null : <input key={key} type="hidden" name={key} value={value} />,
          )
        : null}
      <button type="submit" tabIndex={-1} className="sr-only">
        {label}
      </button>
    </form>
  );
}
