import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { components } from "@/db/schema";
import type { TComponentFields, TNewComponent } from "@/lib/validators/application";
import { AppError, fieldError } from "../errors";

export type TComponentRow = typeof components.$inferSelect;

export const componentNotFound = (application: string, name: string) =>
  new AppError("NOT_FOUND", `Application "${application}" has no component "${name}".`);

export const componentNameTaken = (name: string, field = "name") =>
  fieldError(field, `This application already has a component named "${name}".`, "CONFLICT");

/** The columns a component's editable fields set. */
export function componentColumns(fields: TComponentFields) {
  return {
    displayName: fields.displayName,
    sourceUrl: fields.sourceUrl,
    containerImage: fields.containerImage,
    gitopsRepoUrl: fields.gitopsSource.repoUrl,
    gitopsPath: fields.gitopsSource.path,
    gitopsTargetRevision: fields.gitopsSource.targetRevision,
    gitopsType: fields.gitopsSource.type,
  };
}

export function newComponentValues(applicationId: string, component: TNewComponent) {
  return { applicationId, name: component.name, ...componentColumns(component) };
}

/** A component as procedures return it: the GitOps source as one object, as the input takes it. */
export function componentView(row: TComponentRow) {
  return {
    id: row.id,
    name: row.name,
    displayName: row.displayName,
    sourceUrl: row.sourceUrl,
    containerImage: row.containerImage,
    gitopsSource: {
      repoUrl: row.gitopsRepoUrl,
      path: row.gitopsPath,
      targetRevision: row.gitopsTargetRevision,
      type: row.gitopsType,
    },
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
export type TComponentView = ReturnType<typeof componentView>;

/** What an audit record shows of a component. */
export function componentAuditView(row: TComponentRow) {
  const { id: _id, createdAt: _created, updatedAt: _updated, ...rest } = componentView(row);
  return rest;
}

export async function loadComponent(
  tx: Db,
  application: { id: string; name: string },
  name: string,
): Promise<TComponentRow> {
  const [row] = await tx
    .select()
    .from(components)
    .where(and(eq(components.applicationId, application.id), eq(components.name, name)));
  if (!row) throw componentNotFound(application.name, name);
  return row;
}
