export * from "./auth";
export * from "./spaces";
export * from "./audit";
export * from "./invitations";
export * from "./clusters";
export * from "./deployment-targets";
export * from "./environments";
export * from "./reconcile";
