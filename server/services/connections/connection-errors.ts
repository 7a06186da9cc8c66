// Why Slipway cannot act on a cluster as a person: they never connected, or their connection
// needs them again (the refresh token was refused). Callers offer "Connect" with the cluster's name.
import { AppError } from "../errors";

/** " to act on environment "stage"", when an environment is what the person was acting on. */
const onEnvironment = (environment?: string) =>
  environment ? ` to act on environment "${environment}"` : "";

export class ConnectionNeeded extends AppError {
  constructor(
    readonly clusterName: string,
    readonly environmentName?: string,
  ) {
    super(
      "FORBIDDEN",
      `Connect your account to cluster "${clusterName}" first${onEnvironment(environmentName)}: Slipway acts there as you.`,
    );
    this.name = "ConnectionNeeded";
  }
}

export class ReconnectNeeded extends AppError {
  constructor(
    readonly clusterName: string,
    readonly reason: string,
    readonly environmentName?: string,
  ) {
    super(
      "FORBIDDEN",
      `Reconnect your account to cluster "${clusterName}"${onEnvironment(environmentName)}: ${reason}.`,
    );
    this.name = "ReconnectNeeded";
  }
}

/** A connect attempt that failed; the message is plain words for the person who tried. */
export class ConnectFailed extends Error {
  constructor(
    message: string,
    /** Where the person came from, when the attempt was found. */
    readonly returnPath?: string,
  ) {
    super(message);
    this.name = "ConnectFailed";
  }
}
