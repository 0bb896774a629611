/**
 * The Content-Security-Policy of every answer (set by @fastify/helmet in app.ts). Scripts come only from the app's
 * own files (Vite emits no inline script); styles may be inline because antd's CSS-in-JS writes <style> elements at
 * run time (a nonce would need the HTML shell rewritten per answer — docs/decisions.md); images and fonts may also be
 * data: or blob: URLs (ECharts' saved charts, antd's icons); nothing may frame the app.
 */
export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  workerSrc: ["'self'", 'blob:'],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};
