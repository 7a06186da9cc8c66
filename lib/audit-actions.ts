// The actions Slipway records in its audit trail, with how the activity lists phrase them. The
// admin activity filter offers exactly these.
export const AUDIT_ACTION_LABELS = {
  "space.create": "created the space",
  "space.update": "edited the space",
  "space.delete": "deleted the space",
  // Written before invitations existed; kept so older records still read well.
  "member.add": "added a member",
  "member.update-role": "changed a member's role",
  "member.remove": "removed a member",
  "member.leave": "left the space",
  "invitation.create": "invited someone",
  "invitation.revoke": "revoked an invitation",
  // Accepting is joining: one line says who joined with which role (see acceptInvitation).
  "invitation.accept": "accepted an invitation and joined",
  "invitation.decline": "declined an invitation",
  "environment.create": "created an environment",
  "environment.update": "edited an environment",
  "environment.extend": "extended an environment's expiry",
  "environment.delete": "asked to delete an environment",
  // Recorded by Slipway itself (no user) when an ephemeral environment reaches its expiry time.
  "environment.expire": "deleted an expired environment",
  "environment.open-workspace": "opened a workspace",
  "user.admin-grant": "made a user an administrator",
  "user.admin-revoke": "took a user's administrator rights",
  "user.email-change": "changed their sign-in e-mail",
  "cluster.register": "registered a cluster",
  "cluster.update": "edited a cluster",
  "cluster.rotate-credentials": "rotated a cluster's credentials",
  "cluster.cordon": "cordoned a cluster",
  "cluster.uncordon": "uncordoned a cluster",
  "cluster.check": "checked a cluster's connection",
  "cluster.delete": "deleted a cluster",
  "cluster.set-user-sign-in": "configured how users sign in to a cluster",
  "cluster.clear-user-sign-in": "removed user sign-in from a cluster",
  // A person's own connection to a cluster (their tokens, never recorded).
  "cluster.connect": "connected to a cluster as themselves",
  "cluster.disconnect": "disconnected from a cluster",
  // Deleting a cluster together with its environments: the rows go once the cluster confirms.
  "cluster.delete-requested": "asked to delete a cluster and its environments",
  "deployment-target-class.create": "created a deployment target class",
  "deployment-target-class.update": "edited a deployment target class",
  "deployment-target-class.delete": "deleted a deployment target class",
  "deployment-target.register": "registered a deployment target",
  "deployment-target.delete": "deleted a deployment target",
  "deployment-target.make-available": "offered a released deployment target again",
  "deployment-target-claim.create": "claimed a deployment target",
  "deployment-target-claim.delete": "deleted a deployment target claim",
  "application.create": "created an application",
  "application.update": "edited an application",
  "application.set-pipeline-map": "changed an application's pipeline environment map",
  "application.delete": "deleted an application",
  "component.create": "added a component",
  "component.update": "edited a component",
  "component.delete": "deleted a component",
  "snapshot.create": "created a snapshot",
  "snapshot.update": "edited a snapshot's name or description",
  "snapshot.delete": "deleted a snapshot",
  "binding.create": "bound a snapshot to an environment",
  "binding.update": "changed what a binding deploys",
  "binding.delete": "deleted a binding",
  "sync-run.create": "started a sync run",
  "sync-run.cancel": "cancelled a sync run",
  "promotion.create": "promoted a snapshot to an environment",
  "promotion.rollback": "rolled an environment back to an earlier snapshot",
  // Recorded by Slipway itself: a snapshot deployed in an environment moves on to its children.
  "promotion.automate": "started an automated promotion",
  // A finished run from a declarative import: history, never started.
  "promotion.import": "imported a finished promotion run",
  "declarative.import": "imported YAML",
  "repository-credential.create": "added a repository credential",
  "repository-credential.rotate": "rotated a repository credential",
  "repository-credential.delete": "deleted a repository credential",
} as const;

export type TAuditAction = keyof typeof AUDIT_ACTION_LABELS;

export const AUDIT_ACTIONS = Object.keys(AUDIT_ACTION_LABELS) as [TAuditAction, ...TAuditAction[]];

/** How a list phrases an action; an action this version does not know shows as recorded. */
export function auditActionLabel(action: string): string {
  return (AUDIT_ACTION_LABELS as Record<string, string>)[action] ?? action;
}
