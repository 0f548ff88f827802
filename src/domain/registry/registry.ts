import type { Commun } from '../../../schemas/commun.ts';
import type { Confirmation } from '../../../schemas/confirmation.ts';
import type { Declaration } from '../../../schemas/declaration.ts';
import type { Mission } from '../../../schemas/mission.ts';
import type { Prestataire } from '../../../schemas/prestataire.ts';
import type { Regles } from '../../../schemas/regles.ts';
import type { Registre } from '../../../schemas/registre.ts';
import type { Positions } from './problem-parts.ts';

/** One valid file: its data, its Markdown body, its YAML text, and where each key sits in it. */
export interface Entry<T> {
  data: T;
  /** Path relative to the content folder, with forward slashes. */
  file: string;
  body: string;
  yamlText: string;
  /** Where each path of the data starts in the text, for the line of a problem. */
  positions: Positions;
}

export interface Registry {
  prestataires: Map<string, Entry<Prestataire>>;
  missions: Map<string, Entry<Mission>>;
  communs: Map<string, Entry<Commun>>;
  declarations: Entry<Declaration>[];
  /** Sorted by effective date, oldest first. */
  regles: Entry<Regles>[];
  /** Money received, as each commons' stewards confirm it, by commons id (confirmations/<commun>.yaml). */
  confirmations: Map<string, Entry<Confirmation>>;
  /** content/registre.yaml, when present and valid: what holds for the whole registry. */
  registre: Entry<Registre> | null;
}

export function emptyRegistry(): Registry {
  return { prestataires: new Map(), missions: new Map(), communs: new Map(), declarations: [], regles: [], confirmations: new Map(), registre: null };
}
