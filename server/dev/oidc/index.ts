export { startDevOidcProvider, type TDevOidcOptions, type TDevOidcProvider } from "./provider";
export { DEMO_PASSWORD, DEMO_USERS, type TDemoUser } from "./users";
export * from "./constants";
