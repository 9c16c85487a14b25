/** A JSON answer on the app's one HTTP server (chat/http-server.ts), for every part that contributes routes. */
import type { ServerResponse } from 'node:http';

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(body));
}
