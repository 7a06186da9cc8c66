// Application errors thrown by services. They know nothing of tRPC or HTTP; server/api/trpc.ts maps
// them to tRPC codes in one place.
export type TAppErrorCode = "NOT_FOUND" | "FORBIDDEN" | "CONFLICT" | "BAD_REQUEST" | "UNAUTHORIZED";

export type TFieldErrors = Record<string, string[]>;

export class AppError extends Error {
  constructor(
    readonly code: TAppErrorCode,
    message: string,
    readonly fieldErrors?: TFieldErrors,
  ) {
    super(message);
    this.name = "AppError";
  }
}

/** A bad value in one form field: the message is shown under that field. */
export function fieldError(
  field: string,
  message: string,
  code: TAppErrorCode = "BAD_REQUEST",
): AppError {
  return new AppError(code, message, { [field]: [message] });
}

/** One message for "does not exist" and "exists but not yours", so existence does not leak. */
export function spaceNotFound(name: string): AppError {
  return new AppError(
    "NOT_FOUND",
    `Space "${name}" was not found, or you do not have access to it.`,
  );
}
