import { formErrorsOf } from "@/lib/trpc/errors";
import { toast } from "./toast";

/**
 * What a failed button action shows (there is no form to put the error under): "That did not
 * work" and the server's reason in words, or `fallback` when it gave none.
 */
export function toastMutationError(error: unknown, fallback = ""): void {
  toast.error("That did not work", formErrorsOf(error).form ?? fallback);
}
