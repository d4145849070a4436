/**
 * Both languages' catalogues, for the server only. The `.server` name keeps
 * them out of the browser's bundle (the Remix compiler empties such modules
 * there): the browser loads its own language's catalogue alone, as a module
 * of its own (`app/routes/i18n.$file.ts`, `app/entry.client.tsx`;
 * docs/performance.md, "JavaScript").
 */
export { catalog } from "./index";
