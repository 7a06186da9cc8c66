import { and, eq, ne } from "drizzle-orm";
import type { Db } from "@/db/client";
import { environments } from "@/db/schema";
import {
  SINGLETON_TYPES,
  type TEnvironmentType,
  type TQuotaInput,
} from "@/lib/environment-defaults";
import { quotaOverCeilings } from "@/lib/quota-ceilings";
import { expiryProblem } from "@/lib/validators/environment";
import { AppError, fieldError } from "../errors";

export const nameTaken = (name: string) =>
  fieldError("name", `An environment named "${name}" already exists in this space.`, "CONFLICT");

export const singletonTaken = (type: TEnvironmentType) =>
  fieldError(
    "type",
    `This space already has a ${type} environment; a space has at most one ${type} environment.`,
    "CONFLICT",
  );

/** The friendly checks before the unique indexes decide (they are the backstop for races). */
export async function assertNameAndTypeFree(
  tx: Db,
  spaceId: string,
  input: { name: string; type: TEnvironmentType },
): Promise<void> {
  const same = await tx
    .select({ name: environments.name, type: environments.type })
    .from(environments)
    .where(and(eq(environments.spaceId, spaceId), eq(environments.name, input.name)));
  if (same.length > 0) throw nameTaken(input.name);
  if (!SINGLETON_TYPES.includes(input.type)) return;
  const [other] = await tx
    .select({ id: environments.id })
    .from(environments)
    .where(
      and(
        eq(environments.spaceId, spaceId),
        eq(environments.type, input.type),
        ne(environments.name, input.name),
      ),
    );
  if (other) throw singletonTaken(input.type);
}

export function assertQuotaWithinCeilings(
  quota: TQuotaInput,
  ceilings: Record<string, string>,
): void {
  const errors = quotaOverCeilings(quota, ceilings);
  const fields = Object.keys(errors);
  if (fields.length === 0) return;
  throw new AppError("BAD_REQUEST", "The quota asks for more than this cluster allows.", errors);
}

export function assertExpiry(expiresAt: Date, now: Date): void {
  const problem = expiryProblem(expiresAt, now);
  if (problem) throw fieldError("expiresAt", problem);
}
