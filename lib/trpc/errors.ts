// Turns a tRPC error from a mutation into what a form shows: messages per field, and one for the form.
import { TRPCClientError } from "@trpc/client";
import type { AppRouter } from "@/server/api/root";

export interface TFormErrors {
  fields: Record<string, string[]>;
  form: string | null;
}

export function formErrorsOf(error: unknown): TFormErrors {
  if (!error) return { fields: {}, form: null };
  if (error instanceof TRPCClientError) {
    const data = (error as TRPCClientError<AppRouter>).data;
    const fields = data?.fieldErrors ?? {};
    // A field error is shown under its field; the form-level message is for everything else.
    const hasFieldErrors = Object.keys(fields).length > 0;
    return { fields, form: hasFieldErrors ? null : error.message };
  }
  return { fields: {}, form: error instanceof Error ? error.message : "Something went wrong." };
}

/** The cluster the person must (re)connect to before Slipway can act there as them, if that is why. */
export function connectClusterOf(error: unknown): string | null {
  if (!(error instanceof TRPCClientError)) return null;
  return (error as TRPCClientError<AppRouter>).data?.connectCluster ?? null;
}
