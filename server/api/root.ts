import { activityRouter } from "./routers/activity";
import { adminRouter } from "./routers/admin";
import { clusterRouter } from "./routers/cluster";
import { environmentRouter } from "./routers/environment";
import { gettingStartedRouter } from "./routers/getting-started";
import { invitationRouter } from "./routers/invitation";
import { memberRouter } from "./routers/member";
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
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
