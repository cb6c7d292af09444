/**
 * Headers for what a browser renders — the pages and /docs: a content security policy that
 * lets in only this server's own scripts, styles and images (inline ones on /docs carry a
 * per-response nonce), no framing by any site, no MIME sniffing, and no referrer sent
 * elsewhere. The JSON API needs none of it.
 */
import { NONCE, secureHeaders } from 'hono/secure-headers';

export const pageHeaders = secureHeaders({
  contentSecurityPolicy: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'", NONCE],
    styleSrc: ["'self'", NONCE],
    imgSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
    baseUri: ["'none'"],
    objectSrc: ["'none'"],
  },
  xFrameOptions: 'DENY',
  xContentTypeOptions: 'nosniff',
  referrerPolicy: 'same-origin',
  crossOriginResourcePolicy: 'same-origin',
});
