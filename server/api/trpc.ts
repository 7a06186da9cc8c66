/**
 * The tRPC setup: context type, error formatting and the procedure ladder
 * public → protected → admin, plus spaceProcedure(role) for everything inside a space.
 */
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { z, ZodError } from "zod";
import type { Logger } from "pino";
import type { Db } from "@/db/client";
import { fieldMessagesOf } from "@/lib/validators/field-messages";
import { roleAtLeast, ZSpaceNameSchema, type TSpaceRole } from "@/lib/validators/space";
import type { TActor, TServiceContext, TSpaceContext } from "@/server/services/context";
import {
  AppError,
  spaceNotFound,
  type TAppErrorCode,
  type TFieldErrors,
} from "@/server/services/errors";
import { ConnectionNeeded, ReconnectNeeded } from "@/server/services/connections/connection-errors";
import { getSpaceAccess } from "@/server/services/spaces/get-space-access";
import { ROLE_REQUIRED } from "@/server/services/spaces/role-messages";

export interface TTRPCContext {
  db: Db;
  /** Null when signed out. */
  actor: TActor | null;
  requestId: string;
  /** A child logger carrying the request id. */
  log: Logger;
}

function fieldErrorsOf(error: TRPCError): TFieldErrors | null {
  if (error.cause instanceof ZodError) return fieldMessagesOf(error.cause.issues);
  if (error.cause instanceof AppError) return error.cause.fieldErrors ?? null;
  return null;
}

/** The cluster to (re)connect to, when that is what the person must do: the page offers "Connect". */
function connectClusterOf(error: TRPCError): string | null {
  const cause = error.cause;
  return cause instanceof ConnectionNeeded || cause instanceof ReconnectNeeded
    ? cause.clusterName
    : null;
}

const t = initTRPC.context<TTRPCContext>().create({
  transformer: superjson,
  errorFormatter({ shape, error, ctx }) {
    // A server fault's message can hold SQL and parameters: the browser gets a reference instead;
    // the full error is logged with the same request id.
    const message =
      error.code === "INTERNAL_SERVER_ERROR"
        ? `Something went wrong on the server. Reference: ${ctx?.requestId ?? "unknown"}.`
        : shape.message;
    const { stack: _stack, ...data } = shape.data;
    return {
      ...shape,
      message,
      data: {
        ...data,
        fieldErrors: fieldErrorsOf(error),
        connectCluster: connectClusterOf(error),
      },
    };
  },
});

const TRPC_CODE: Record<TAppErrorCode, TRPCError["code"]> = {
  NOT_FOUND: "NOT_FOUND",
  FORBIDDEN: "FORBIDDEN",
  CONFLICT: "CONFLICT",
  BAD_REQUEST: "BAD_REQUEST",
  UNAUTHORIZED: "UNAUTHORIZED",
};

/** The one place application errors become tRPC errors. */
const mapAppErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof AppError) {
    const cause = result.error.cause;
    throw new TRPCError({ code: TRPC_CODE[cause.code], message: cause.message, cause });
  }
  return result;
});

export const createCallerFactory = t.createCallerFactory;
export const createTRPCRouter = t.router;

export const publicProcedure = t.procedure.use(mapAppErrors);

export const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.actor) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue." });
  const service: TServiceContext = { ...ctx, actor: ctx.actor };
  return next({ ctx: service });
});

export const adminProcedure = protectedProcedure.use(({ ctx, next }) => {
  if (!ctx.actor.isAdmin)
    throw new TRPCError({ code: "FORBIDDEN", message: "Only administrators can do this." });
  return next();
});

/** Procedures inside a space: input carries `space` (its name); ctx gets the space and the actor's role. */
export function spaceProcedure(minimum: TSpaceRole) {
  return protectedProcedure
    .input(z.object({ space: ZSpaceNameSchema }))
    .use(async ({ ctx, input, next }) => {
      const access = await getSpaceAccess(ctx, input);
      if (!access) throw spaceNotFound(input.space);
      if (!roleAtLeast(access.role, minimum))
        throw new AppError("FORBIDDEN", ROLE_REQUIRED[minimum]);
      const space: TSpaceContext = { ...ctx, ...access };
      return next({ ctx: space });
    });
}
