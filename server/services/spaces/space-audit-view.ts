import type { TSpaceRow } from "./space-row";

/** The fields of a space an audit record shows before and after a change. */
export function spaceAuditView(space: TSpaceRow) {
  return { name: space.name, displayName: space.displayName, description: space.description };
}
