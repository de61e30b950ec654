import helmet from 'helmet';
import type { FastifyInstance } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** What other sites load from us: the tracker script, the tracking API, email open pixels and click redirects. */
const CROSS_ORIGIN_PATHS = ['/t.js', '/v1/', '/e/'];

/**
 * Security headers on every answer (helmet). The CSP allows what the built web app
 * uses and nothing else: its own scripts, style sheets and API. Inline style *attributes* are
 * allowed (style-src-attr 'unsafe-inline') because ECharts writes its tooltips as HTML with
 * style="" (840 violations on two chart pages without it, measured in Chromium); <style>
 * elements stay 'self' only, and scripts too, so an injected <script> or on*= handler does not
 * run. Nothing may frame the app (clickjacking). HSTS and upgrade-insecure-requests only when
 * the app is served over HTTPS: on http://127.0.0.1 they would break it.
 *
 * helmet's middleware is built once here: @fastify/helmet built it again on every request,
 * re-parsing the CSP directives each time, which cost 5–6 % of the server's time under single
 * /v1/track calls (profiled with bench/track-single-bench.ts's load).
 */
export async function installSecurityHeaders(app: FastifyInstance, opts: { https: boolean }): Promise<void> {
  const headers = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'"],
        styleSrcAttr: ["'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(opts.https ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    frameguard: { action: 'deny' },
    // Links out of the CRM (a company's website) must not carry which contact page they came from.
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: opts.https ? { maxAge: 180 * 86400, includeSubDomains: false } : false,
  });
  // Helmet's answer depends on nothing in the request, so it is taken once, as the header list it
  // sets, and each answer gets that list: running its thirteen middlewares per request cost ~3 %
  // of the app's time under single /v1/track calls (bench/track-single-bench.ts, profiled).
  const fixed = headersSetBy(headers);
  // Helmet's Cross-Origin-Resource-Policy (same-origin) would stop other sites loading the tracker
  // and email clients loading the pixel; those answers are meant for everyone.
  const crossOrigin = fixed.map(([name, value]): [string, string] => [name, name === 'cross-origin-resource-policy' ? 'cross-origin' : value]);
  app.addHook('onRequest', (req, reply, done) => {
    const list = CROSS_ORIGIN_PATHS.some((p) => req.url.startsWith(p)) ? crossOrigin : fixed;
    for (const [name, value] of list) reply.raw.setHeader(name, value);
    done();
  });
}

/** The headers a helmet middleware sets on an answer, in order (it sets them whatever the request). */
function headersSetBy(middleware: ReturnType<typeof helmet>): [string, string][] {
  const set = new Map<string, string>();
  const res = {
    setHeader: (name: string, value: string) => set.set(name.toLowerCase(), String(value)),
    removeHeader: (name: string) => set.delete(name.toLowerCase()),
  };
  middleware({} as IncomingMessage, res as unknown as ServerResponse, () => {});
  return [...set];
}
