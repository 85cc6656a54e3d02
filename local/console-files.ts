/**
 * The built console (console/dist) served by the local server under /console/, as CloudFront serves it
 * from S3 when deployed: static files only, with a content security policy that lets the page talk to this
 * origin and nothing else. When the console has not been built, /console/ says how to build it.
 */
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

export const CONSOLE_PATH = '/console/';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/** Inline styles: Leaflet and ECharts position their elements with style attributes. No inline script. */
export const CONSOLE_CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'";

const NOT_BUILT = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Console not built</title></head><body>
<h1>The console has not been built</h1>
<p>Run <code>npm run build:console</code> (or restart with <code>npm start</code>, which builds it when it is missing), then reload.</p>
</body></html>`;

export function consoleFiles(dir: string) {
  const root = normalize(dir);
  return async function serve(method: string, pathname: string, response: ServerResponse): Promise<boolean> {
    if (method !== 'GET' && method !== 'HEAD') return false;
    if (pathname === '/' || pathname === '/console') {
      response.writeHead(302, { location: CONSOLE_PATH });
      response.end();
      return true;
    }
    if (!pathname.startsWith(CONSOLE_PATH)) return false;
    if (!existsSync(join(root, 'index.html'))) {
      response.writeHead(503, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      response.end(NOT_BUILT);
      return true;
    }
    const relative = decodeURIComponent(pathname.slice(CONSOLE_PATH.length)) || 'index.html';
    const file = normalize(join(root, relative));
    // Nothing outside the build folder, whatever the path says.
    if (!file.startsWith(root + sep)) return notFound(response);
    try {
      if (!(await stat(file)).isFile()) return notFound(response);
    } catch {
      return notFound(response);
    }
    const body = await readFile(file);
    const hashed = relative.startsWith('assets/');
    response.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      // Vite names assets by content hash: they never change. index.html must be re-read to pick up a new build.
      'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
      'content-security-policy': CONSOLE_CSP,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    });
    response.end(method === 'HEAD' ? undefined : body);
    return true;
  };
}

function notFound(response: ServerResponse): true {
  response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
  response.end('not found');
  return true;
}
