export * from "./auth";
export * from "./spaces";
export * from "./audit";
