// Awaits a call that must fail and returns its error, so a test can assert the code and message.
import { TRPCError } from "@trpc/server";
import { AppError } from "../server/services/errors";

export async function rejectionOf<E extends Error>(
  promise: Promise<unknown>,
  kind: abstract new (...args: never[]) => E,
): Promise<E> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof kind) return error;
    throw error;
  }
  throw new Error(`expected the call to fail with ${kind.name}`);
}

/** The TRPCError a procedure call refused with. */
export const trpcError = (promise: Promise<unknown>) => rejectionOf(promise, TRPCError);

/** The AppError a service refused with. */
export const appError = (promise: Promise<unknown>) => rejectionOf(promise, AppError);
