import http from 'node:http';
import https from 'node:https';
import { trustsProxy } from './origin';

const FORWARDED = ['x-forwarded-for', 'x-forwarded-host', 'x-forwarded-proto', 'x-forwarded-port', 'forwarded'];
const GUARDED = Symbol.for('bilingual-editor.front-door');

/**
 * Next keeps the `X-Forwarded-*` headers a request arrives with and fills in only the missing ones from the
 * connection, so without a proxy a client could name any address, host or scheme. Unless `TRUST_PROXY` says a
 * proxy sets them, they are dropped as each request comes in and the client's address is the socket's; Next
 * then fills in host and scheme from the connection itself. Installed once by instrumentation.ts.
 */
export function guardForwardedHeaders(): void {
  for (const Server of [http.Server, https.Server]) {
    const proto = Server.prototype as http.Server & { [GUARDED]?: true };
    if (proto[GUARDED]) continue;
    proto[GUARDED] = true;
    const emit = proto.emit as (this: http.Server, event: string | symbol, ...args: unknown[]) => boolean;
    proto.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]): boolean {
      if (event === 'request') {
        const request = args[0] as http.IncomingMessage;
        if (!trustsProxy()) for (const name of FORWARDED) delete request.headers[name];
        request.headers['x-forwarded-for'] ??= request.socket.remoteAddress ?? 'unknown';
      }
      return emit.call(this, event, ...args);
    } as typeof proto.emit;
  }
}
