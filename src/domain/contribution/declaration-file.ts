// The problems the validator would report for a declaration before it is written
// (npm run declare), and the missions a provider can declare for. The declaration's
// text and the field checks live in declaration-text.ts (shared with the browser form).
export * from './declaration-text.ts';
import type { Commun } from '../../../schemas/commun.ts';
import type { Confirmation } from '../../../schemas/confirmation.ts';
import { declarationSchema, type Declaration } from '../../../schemas/declaration.ts';
import type { Mission } from '../../../schemas/mission.ts';
import type { Prestataire } from '../../../schemas/prestataire.ts';
import type { Regles } from '../../../schemas/regles.ts';
import { declarationChecks } from '../rules/checks.ts';
import { buildDeclaration, declarationFile, declarationText, type DeclarationAnswers } from './declaration-text.ts';
import type { LoadResult } from '../registry/read.ts';
import { noPositions } from '../registry/problem-parts.ts';
import { FileProblems, sortProblems, type Problem } from '../registry/problems.ts';
import type { Entry } from '../registry/registry.ts';
import { issuesFromZod } from '../registry/schema-issues.ts';
import { missionsOf } from '../rules/standing.ts';

/** What the checks of a draft read: a loaded registry, or one made of plain data (registryFrom). */
export type DraftRegistry = Pick<LoadResult, 'registry' | 'invalid'>;

/**
 * The problems `npm run validate` would report for this declaration once written
 * (schema, references, team, mission started, money accepted, plausible figures,
 * warnings), computed on the registry with the draft in place of any existing file:
 * the same checks, not a copy of them. Nothing here needs Node: the /declarer/ form
 * runs it in the browser on registryFrom's registry. The data checked is the data
 * written (js-yaml reads declarationText's text back exactly: tests/domain/yaml-text.test.ts),
 * and each problem has the line it will have in the file.
 */
export function draftProblems(loaded: DraftRegistry, answers: DeclarationAnswers, date: string): Problem[] {
  const declaration = buildDeclaration(answers);
  const file = declarationFile(declaration.prestataire, declaration.mission);
  const { text: yamlText, positions } = declarationText(declaration);
  const problems: Problem[] = [];
  const here = new FileProblems({ file, positions }, problems);
  const result = declarationSchema.safeParse(declaration);
  if (!result.success) {
    for (const issue of issuesFromZod(declarationSchema, 'declaration', declaration, result.error.issues)) here.at(issue.path, issue.code, issue.params);
    return sortProblems(problems);
  }
  const entry = { data: result.data, file, body: '', yamlText, positions };
  const registry = { ...loaded.registry, declarations: [...loaded.registry.declarations.filter((d) => d.file !== file), entry] };
  return sortProblems(declarationChecks(registry, { date, invalid: loaded.invalid }).filter((p) => p.file === file));
}

export interface DeclarableMission {
  mission: Mission;
  /** A declaration file already exists for this provider and mission (valid or not). */
  declared: boolean;
}

/**
 * The missions a provider can declare for on a date: those where an empty
 * declaration passes the validator's checks (in the team, mission started). Not yet
 * declared first, then the most recent first.
 */
export function declarableMissions(loaded: LoadResult, prestataire: string, date: string): DeclarableMission[] {
  const exists = (mission: string) =>
    loaded.registry.declarations.some((d) => d.file === declarationFile(prestataire, mission)) ||
    loaded.invalid.declarations.has(`${prestataire}/${mission}`);
  return missionsOf(loaded.registry, prestataire)
    .filter((mission) => !draftProblems(loaded, { prestataire, mission: mission.id, date }, date).some((p) => p.severity === 'error'))
    .map((mission) => ({ mission, declared: exists(mission.id) }))
    .sort((a, b) => Number(a.declared) - Number(b.declared) || (b.mission.debut ?? '').localeCompare(a.mission.debut ?? '') || a.mission.id.localeCompare(b.mission.id));
}


/** The parts of the registry that judge one provider's declaration, as plain data (the /declarer/ form's files). */
export interface RegistryParts {
  prestataires: Prestataire[];
  missions: Mission[];
  communs: Commun[];
  regles: Regles[];
  declarations?: Declaration[];
  confirmations?: Confirmation[];
}

/**
 * A registry made of plain data, each entry at the path its file would have, for the
 * checks of a draft where no file can be read (the browser). Their problems in other
 * files than the draft's are not looked at.
 */
export function registryFrom(parts: RegistryParts): DraftRegistry {
  const entry = <T>(data: T, file: string): Entry<T> => ({ data, file, body: '', yamlText: '', positions: noPositions });
  const byId = <T extends { id: string }>(list: T[], folder: string) => new Map(list.map((d) => [d.id, entry(d, `${folder}/${d.id}.md`)]));
  const invalid = { prestataires: new Set<string>(), missions: new Set<string>(), communs: new Set<string>(), declarations: new Set<string>(), regles: new Set<string>(), confirmations: new Set<string>() };
  return {
    registry: {
      prestataires: byId(parts.prestataires, 'prestataires'),
      missions: byId(parts.missions, 'missions'),
      communs: byId(parts.communs, 'communs'),
      declarations: (parts.declarations ?? []).map((d) => entry(d, declarationFile(d.prestataire, d.mission))),
      regles: [...parts.regles].sort((a, b) => a.en_vigueur_depuis.localeCompare(b.en_vigueur_depuis)).map((r) => entry(r, `regles/${r.en_vigueur_depuis}.yaml`)),
      confirmations: new Map((parts.confirmations ?? []).map((c) => [c.commun, entry(c, `confirmations/${c.commun}.yaml`)])),
      registre: null,
    },
    invalid,
  };
}
