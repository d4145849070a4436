import type { Locale } from "../locales";
import { common } from "./common";
import { customers } from "./customers";
import { integrations } from "./integrations";
import { policy } from "./policy";
import { groups } from "./groups";
import { details } from "./details";
import { lifecycle } from "./lifecycle";
import { accountChanges } from "./account-changes";
import { activity } from "./activity";
import { assistance } from "./assistance";
import { users } from "./users";
import { customerAccess } from "./customer-access";
import { team } from "./team";
import { account } from "./account";

/**
 * Every message of the app, per locale. An area of the app adds its own file
 * here; the type of `defineMessages` keeps English and Spanish complete.
 */
const areas = [common, customers, integrations, policy, groups, details, lifecycle, accountChanges, activity, assistance, users, customerAccess, team, account] as const;

type Area = (typeof areas)[number];
type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (
  x: infer I,
) => void
  ? I
  : never;
type AllMessages = UnionToIntersection<Area["en"]>;
export type MessageKey = keyof AllMessages & string;

function merge(locale: Locale): Record<MessageKey, string> {
  return Object.assign({}, ...areas.map((area) => area[locale])) as Record<MessageKey, string>;
}

export const catalog: Record<Locale, Record<MessageKey, string>> = {
  en: merge("en"),
  es: merge("es"),
};
