"use client";

import { useQuery } from "@tanstack/react-query";
import { useDeferredValue, useState } from "react";
import { XIcon } from "lucide-react";
import { Button } from "@/components/ui/button";
import type { FieldControlProps } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useTRPC } from "@/lib/trpc/react";

export interface TActorOption {
  id: string;
  label: string;
}

/**
 * Picks a user by typing part of their name, username or e-mail (admins only: it shows e-mail
 * addresses). The choice is a user id; `onChange(null)` clears it.
 */
export function ActorPicker({
  value,
  onChange,
  control,
}: {
  value: TActorOption | null;
  onChange: (actor: TActorOption | null) => void;
  control: FieldControlProps;
}) {
  const trpc = useTRPC();
  const [query, setQuery] = useState("");
  const deferred = useDeferredValue(query.trim());
  const options = useQuery({
    ...trpc.admin.searchUsers.queryOptions({ query: deferred }),
    enabled: deferred.length > 0 && value === null,
  });

  if (value) {
    return (
      <div className="flex h-9 items-center gap-2">
        <span {...control} className="bg-muted rounded-md px-2 py-1 text-sm font-medium">
          {value.label}
        </span>
        <Button
          type="button"
          variant="ghost"
          size="sm"
          onClick={() => onChange(null)}
          aria-label={`Clear the actor ${value.label}`}
        >
          <XIcon aria-hidden /> Clear
        </Button>
      </div>
    );
  }
  const listId = `${control.id}-options`;
  return (
    <div className="relative">
      <Input
        {...control}
        type="search"
        value={query}
        autoComplete="off"
        placeholder="Name, username or e-mail"
        // Only while the list exists: an id reference to nothing is an ARIA error.
        aria-controls={deferred.length > 0 ? listId : undefined}
        onChange={(event) => setQuery(event.target.value)}
      />
      {deferred.length > 0 ? (
        <ul
          id={listId}
          aria-label="Matching users"
          className="bg-popover absolute z-10 mt-1 w-full rounded-md border p-1 shadow-md"
        >
          {options.isError ? (
            <li className="text-destructive px-2 py-1 text-sm">{options.error.message}</li>
          ) : options.data === undefined ? (
            <li className="text-muted-foreground px-2 py-1 text-sm">Searching…</li>
          ) : options.data.length === 0 ? (
            <li className="text-muted-foreground px-2 py-1 text-sm">No user matches.</li>
          ) : (
            options.data.map((user) => (
              <li key={user.id}>
                <button
                  type="button"
                  className="hover:bg-muted focus-visible:bg-muted w-full rounded-sm px-2 py-1 text-left text-sm outline-none"
                  onClick={() => {
                    setQuery("");
                    onChange({ id: user.id, label: user.label });
                  }}
                >
                  <span className="font-medium">{user.label}</span>
                  {user.email && user.email !== user.label ? (
                    <span className="text-muted-foreground"> · {user.email}</span>
                  ) : null}
                </button>
              </li>
            ))
          )}
        </ul>
      ) : null}
    </div>
  );
}
