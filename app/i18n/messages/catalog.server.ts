/**
 * Both languages' catalogues, for the server only. The `.server` name keeps
 * them out of the browser's bundle (React Router's build fails when code that
 * reaches the browser imports a `.server` module): the browser loads its own
 * language's catalogue alone, as a module of its own
 * (`app/routes/i18n.$file.ts`, `app/entry.client.tsx`; docs/performance.md,
 * "JavaScript"). app/i18n/translate.ts keeps it out by `import.meta.env.SSR`.
 */
export { catalog } from "./index";
