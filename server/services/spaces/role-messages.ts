import type { TSpaceRole } from "@/lib/validators/space";

/** The refusal for a caller whose role in the space is below what an action needs. */
export const ROLE_REQUIRED: Record<TSpaceRole, string> = {
  owner: "You need to be an owner of this space to do this.",
  contributor: "You need to be at least a contributor of this space to do this.",
  viewer: "You need to be at least a viewer of this space to do this.",
};
