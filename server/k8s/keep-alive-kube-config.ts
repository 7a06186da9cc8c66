// client-node 1.4 asks its KubeConfig for authentication on every request
// (`applySecurityAuthentication` for the generated API clients and KubernetesObjectApi,
// `applyToHTTPSOptions` for Watch and the WebSocket clients), and the stock KubeConfig answers
// with a brand-new https.Agent each time — a new TCP connection, TLS handshake and CA parse per
// request. KubeConfig is the library's SecurityAuthentication extension point, so this subclass
// answers those two calls with one keep-alive agent built from the same TLS settings.
// Nothing global is patched and fetch is not intercepted.
import type { OutgoingHttpHeaders } from "node:http";
import https from "node:https";
import {
  createConfiguration,
  KubeConfig,
  ServerConfiguration,
  type ApiType,
  type Configuration,
  type RequestContext,
} from "@kubernetes/client-node";
import { HttpsLibrary } from "./https-library";
import type { TClusterConnection } from "./connection";

const HTTPS_LIBRARY = new HttpsLibrary();

export class KeepAliveKubeConfig extends KubeConfig {
  readonly agent: https.Agent;
  private readonly authorization: string | undefined;

  constructor(connection: TClusterConnection) {
    super();
    const { credentials } = connection;
    // Kept in the kubeconfig too so getCurrentCluster() (the server URL Watch reads) and
    // exportConfig() describe the same cluster.
    this.loadFromClusterAndUser(
      {
        name: connection.clusterName,
        server: connection.apiUrl,
        skipTLSVerify: connection.insecureSkipTlsVerify,
        caData: credentials.caData ? base64(credentials.caData) : undefined,
      },
      credentials.kind === "token"
        ? { name: "slipway", token: credentials.token }
        : {
            name: "slipway",
            certData: base64(credentials.certData),
            keyData: base64(credentials.keyData),
          },
    );
    this.authorization = credentials.kind === "token" ? `Bearer ${credentials.token}` : undefined;
    this.agent = new https.Agent({
      keepAlive: true,
      ca: credentials.caData,
      cert: credentials.kind === "client-certificate" ? credentials.certData : undefined,
      key: credentials.kind === "client-certificate" ? credentials.keyData : undefined,
      rejectUnauthorized: !connection.insecureSkipTlsVerify,
      // No maxSockets: each watch holds a socket for as long as it runs, and a cap would let
      // watches starve applies. Callers bound their own concurrency.
    });
  }

  override applySecurityAuthentication(context: RequestContext): Promise<void> {
    if (this.authorization) context.setHeaderParam("Authorization", this.authorization);
    context.setAgent(this.agent);
    return Promise.resolve();
  }

  /** As KubeConfig's, with the transport over `https.request` (https-library.ts). */
  override makeApiClient<T extends ApiType>(apiClientType: new (config: Configuration) => T): T {
    const cluster = this.getCurrentCluster();
    if (!cluster) throw new Error("No active cluster!");
    return new apiClientType(
      createConfiguration({
        baseServer: new ServerConfiguration(cluster.server, {}),
        authMethods: { default: this },
        httpApi: HTTPS_LIBRARY,
      }),
    );
  }

  override applyToHTTPSOptions(opts: https.RequestOptions): Promise<void> {
    // client-node only ever passes headers as an object (or none).
    const headers = { ...(opts.headers as OutgoingHttpHeaders | undefined) };
    if (this.authorization) headers.Authorization = this.authorization;
    opts.headers = headers;
    opts.agent = this.agent;
    return Promise.resolve();
  }

  /** Closes idle keep-alive connections (after one turned out dead, the others likely are too). */
  dropIdleConnections(): void {
    for (const socket of Object.values(this.agent.freeSockets).flat()) socket?.destroy();
  }

  /** Closes every connection of the agent. */
  destroy(): void {
    this.agent.destroy();
  }
}

function base64(pem: string): string {
  return Buffer.from(pem, "utf8").toString("base64");
}
