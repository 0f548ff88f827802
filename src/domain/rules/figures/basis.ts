// What every part of the figures reads (missions, providers, commons, network),
// computed once per call: on a 10,000-provider registry no part recomputes it.
import type { Declaration } from '../../../../schemas/declaration.ts';
import type { Regles } from '../../../../schemas/regles.ts';
import { byText } from '../../registry/order.ts';
import type { Registry } from '../../registry/registry.ts';
import { confirmationsOn, type Confirmations } from '../confirmations.ts';
import { rulesOn } from '../rules.ts';
import { declaredBy } from '../standing.ts';

export interface FiguresBasis extends Confirmations {
  registry: Registry;
  /** The reference date. */
  date: string;
  reglesData: Regles[];
  /** The rules in force on the reference date. */
  inForce: Regles | undefined;
  /** Who declared what on or before the date (standing.ts). */
  declared: Map<string, string>;
  /** The declarations made on or before the date. */
  declarations: Declaration[];
}

export function basisOf(registry: Registry, date: string): FiguresBasis {
  const reglesData = registry.regles.map((r) => r.data);
  return {
    registry,
    date,
    reglesData,
    inForce: rulesOn(reglesData, date),
    declared: declaredBy(registry, date),
    // Only what was declared on or before the reference date counts: moving the date
    // back shows the registry as it stood then.
    declarations: registry.declarations.map((d) => d.data).filter((d) => d.date <= date),
    ...confirmationsOn(registry, date),
  };
}

export const byId = <T extends { id: string }>(a: T, b: T) => byText(a.id, b.id);
