/**
 * The floors of the house are checked by `npm run lint` (eslint.config.js,
 * docs/decisions/0011-floors-of-the-house.md): an import from a floor above
 * fails, one from below passes. Linted as text under a real path, so no file
 * is written.
 */
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../support/paths";

const eslint = new ESLint({ cwd: REPO_ROOT });

async function floorErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.message);
}

const UPWARD: [file: string, code: string][] = [
  ["app/components/ui/Example.tsx", 'import { listCustomers } from "~/models/customer-list.server";\nexport const x = listCustomers;\n'],
  ["app/components/ui/Example.tsx", 'import type { AppSession } from "~/services/session.server";\nexport type X = AppSession;\n'],
  ["app/components/ui/Example.tsx", 'import { catalog } from "~/i18n/messages/catalog.server";\nexport const y = catalog;\n'],
  ["app/services/example.server.ts", 'import { ErrorPage } from "~/components/layout/ErrorPage";\nexport const x = ErrorPage;\n'],
  ["app/models/example.server.ts", 'import { readForm } from "../services/request-body.server";\nexport const x = readForm;\n'],
  ["app/models/example.server.ts", 'import { loader } from "~/routes/customers";\nexport const x = loader;\n'],
  ["app/domain/example.ts", 'import { getDb } from "~/db.server";\nexport const x = getDb;\n'],
  ["app/domain/example.ts", 'import { x } from "~/models/groups.server";\nexport const y = catalog;\n'],
  ["app/schemas/example.ts", 'import { x } from "../services/authz.server";\nexport const y = catalog;\n'],
  ["app/utils/example.ts", 'import { decide } from "~/domain/customer-policy";\nexport const x = decide;\n'],
  ["db/example.ts", 'import { foldText } from "../app/utils/clock";\nexport const x = foldText;\n'],
  ["db/example.ts", 'import { now } from "~/utils/clock";\nexport const x = now;\n'],
  ["lib/example.ts", 'import { schema } from "../db/schema";\nexport const x = schema;\n'],
];

const DOWNWARD: [file: string, code: string][] = [
  ["app/routes/example.tsx", 'import { listCustomers } from "~/models/customer-list.server";\nexport const x = listCustomers;\n'],
  ["app/components/ui/Example.tsx", 'import { decide } from "~/domain/customer-policy";\nexport const x = decide;\n'],
  ["app/services/example.server.ts", 'import { x } from "~/models/groups.server";\nexport const y = catalog;\n'],
  ["app/models/example.server.ts", 'import { getDb } from "~/db.server";\nexport const x = getDb;\n'],
  ["app/schemas/example.ts", 'import { cleanName } from "~/domain/names";\nexport const x = cleanName;\n'],
  ["db/example.ts", 'import { foldText } from "../lib/text";\nexport const x = foldText;\n'],
];

describe("the floors of the house, checked by lint", () => {
  it.each(UPWARD)("%s may not import from above: %s", async (file, code) => {
    expect(await floorErrors(file, code)).not.toEqual([]);
  });

  it.each(DOWNWARD)("%s may import from below: %s", async (file, code) => {
    expect(await floorErrors(file, code)).toEqual([]);
  });
});
