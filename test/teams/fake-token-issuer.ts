// A stand-in for Bot Framework's token keys on 127.0.0.1: the OpenID configuration and the
// signing keys (endorsed for `msteams`) that botbuilder fetches to check the token on each
// request, and a signer for tokens as the Bot Connector sends them. With it the adapter runs
// with authentication on, as a real app registration does, without the internet.
import { createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Bot Framework's public-cloud issuer: the `iss` of every token the Bot Connector sends. */
export const BOT_FRAMEWORK_ISSUER = 'https://api.botframework.com';

export interface TokenIssuer {
  /**
   * ConfigurationBotFrameworkAuthentication settings: the public cloud's (botbuilder's
   * AuthenticationConstants), with the key endpoints pointing here.
   */
  settings: Record<string, string>;
  /** A signed token; `kid` and `key` default to the published key. */
  sign(claims: Record<string, unknown>, opts?: { kid?: string; key?: KeyObject }): string;
  /** A token as the Bot Connector sends it to the bot `appId`, for activities from `serviceUrl`. */
  connectorToken(appId: string, serviceUrl: string, extra?: Record<string, unknown>): string;
  /** A private key nobody published. */
  strangerKey: KeyObject;
  close(): Promise<void>;
}

const b64url = (data: Buffer | string): string => Buffer.from(data).toString('base64url');

export async function startTokenIssuer(): Promise<TokenIssuer> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = 'auditbot-test-key';
  const jwk = publicKey.export({ format: 'jwk' });
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const json = (body: unknown) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (path === '/v1/.well-known/openidconfiguration' || path === '/emulator/.well-known/openid-configuration') {
      json({ issuer: BOT_FRAMEWORK_ISSUER, jwks_uri: `${url}/keys`, id_token_signing_alg_values_supported: ['RS256'] });
    } else if (path === '/keys') {
      json({ keys: [{ kty: 'RSA', use: 'sig', kid, n: jwk.n, e: jwk.e, endorsements: ['msteams'] }] });
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const sign: TokenIssuer['sign'] = (claims, opts = {}) => {
    const header = b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: opts.kid ?? kid }));
    const payload = b64url(JSON.stringify(claims));
    const signature = createSign('RSA-SHA256').update(`${header}.${payload}`).sign(opts.key ?? privateKey);
    return `${header}.${payload}.${b64url(signature)}`;
  };
  const now = () => Math.floor(Date.now() / 1000);

  return {
    settings: {
      ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
      ToChannelFromBotOAuthScope: 'https://api.botframework.com',
      ToBotFromChannelTokenIssuer: BOT_FRAMEWORK_ISSUER,
      OAuthUrl: 'https://api.botframework.com',
      ToBotFromChannelOpenIdMetadataUrl: `${url}/v1/.well-known/openidconfiguration`,
      ToBotFromEmulatorOpenIdMetadataUrl: `${url}/emulator/.well-known/openid-configuration`,
      CallerId: 'urn:botframework:azure',
    },
    sign,
    connectorToken: (appId, serviceUrl, extra = {}) => sign({ iss: BOT_FRAMEWORK_ISSUER, aud: appId, serviceurl: serviceUrl, nbf: now() - 60, exp: now() + 3600, ...extra }),
    strangerKey: stranger.privateKey,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
