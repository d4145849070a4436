/**
 * A browser set to Spanish: it sends `Accept-Language: es` with every
 * request. The header alone (extraHTTPHeaders) is not enough: Chromium sends
 * the `locale`'s Accept-Language on navigations, over any extra header.
 */
export const SPANISH_BROWSER = {
  locale: "es",
  extraHTTPHeaders: { "Accept-Language": "es" },
};
