import { activityRouter } from "./routers/activity";
import { adminRouter } from "./routers/admin";
import { applicationRouter } from "./routers/application";
import { bindingRouter } from "./routers/binding";
import { deploymentRouter } from "./routers/deployment";
import { syncRunRouter } from "./routers/sync-run";
import { clusterRouter } from "./routers/cluster";
import { clusterSignInRouter } from "./routers/cluster-sign-in";
import { componentRouter } from "./routers/component";
import { connectionRouter } from "./routers/connection";
import { declarativeRouter } from "./routers/declarative";
import { environmentRouter } from "./routers/environment";
import { deploymentTargetRouter } from "./routers/deployment-target";
import { deploymentTargetClaimRouter } from "./routers/deployment-target-claim";
import { deploymentTargetClassRouter } from "./routers/deployment-target-class";
import { gettingStartedRouter } from "./routers/getting-started";
import { invitationRouter } from "./routers/invitation";
import { memberRouter } from "./routers/member";
import { promotionRouter } from "./routers/promotion";
import { repositoryCredentialRouter } from "./routers/repository-credential";
import { snapshotRouter } from "./routers/snapshot";
import { spaceRouter } from "./routers/space";
import { viewerRouter } from "./routers/viewer";
import { createCallerFactory, createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  viewer: viewerRouter,
  gettingStarted: gettingStartedRouter,
  space: spaceRouter,
  member: memberRouter,
  activity: activityRouter,
  admin: adminRouter,
  invitation: invitationRouter,
  environment: environmentRouter,
  cluster: clusterRouter,
  clusterSignIn: clusterSignInRouter,
  connection: connectionRouter,
  deploymentTargetClass: deploymentTargetClassRouter,
  deploymentTarget: deploymentTargetRouter,
  deploymentTargetClaim: deploymentTargetClaimRouter,
  application: applicationRouter,
  component: componentRouter,
  snapshot: snapshotRouter,
  binding: bindingRouter,
  deployment: deploymentRouter,
  syncRun: syncRunRouter,
  promotion: promotionRouter,
  repositoryCredential: repositoryCredentialRouter,
  declarative: declarativeRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
