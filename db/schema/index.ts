export * from "./auth";
export * from "./spaces";
export * from "./audit";
export * from "./invitations";
