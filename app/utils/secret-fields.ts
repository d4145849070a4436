import { useEffect } from "react";

/**
 * Empties a form's secret fields (passwords, verification codes) after each
 * answer of its action, as the page sent back without JavaScript is: the
 * server never sends them back, and Conform keeps a field's value across a
 * reply. `reply` is the action's answer (nothing before the first).
 */
export function useSecretFieldsEmptied(reply: unknown, ids: readonly string[]): void {
  const key = ids.join(" ");
  useEffect(() => {
    if (!reply) return;
    for (const id of key.split(" ")) {
      const field = document.getElementById(id);
      if (field instanceof HTMLInputElement) field.value = "";
    }
  }, [reply, key]);
}
