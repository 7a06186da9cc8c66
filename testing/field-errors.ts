// The field messages a refused tRPC call carries, from the service (AppError) or the input
// schema (ZodError): what a form shows under each field; a message for no field is "form".
import { ZodError } from "zod";
import { fieldMessagesOf, type TFieldMessages } from "../lib/validators/field-messages";
import { AppError } from "../server/services/errors";
import { trpcError } from "./rejection";

export async function fieldErrorsOf(
  call: Promise<unknown>,
): Promise<{ code: string; fields: TFieldMessages }> {
  const error = await trpcError(call);
  const cause = error.cause;
  if (cause instanceof ZodError) return { code: error.code, fields: fieldMessagesOf(cause.issues) };
  if (cause instanceof AppError && cause.fieldErrors) {
    return { code: error.code, fields: cause.fieldErrors };
  }
  return { code: error.code, fields: { form: [error.message] } };
}
