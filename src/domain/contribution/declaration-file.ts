// The problems the validator would report for a declaration before it is written
// (npm run declare), and the missions a provider can declare for. The declaration's
// text and the field checks live in declaration-text.ts (shared with the browser form).
export * from './declaration-text.ts';
import { declarationSchema } from '../../../schemas/declaration.ts';
import type { Mission } from '../../../schemas/mission.ts';
import { checkRegistry } from '../rules/checks.ts';
import { buildDeclaration, declarationFile, declarationYaml, type DeclarationAnswers } from './declaration-text.ts';
import type { LoadResult } from '../registry/read.ts';
import { parseYamlFile } from '../registry/parse.ts';
import { FileProblems, sortProblems, type Problem } from '../registry/problems.ts';
import { issuesFromZod } from '../registry/schema-issues.ts';
import { missionsOf } from '../rules/standing.ts';

/**
 * The problems `npm run validate` would report for this declaration once written
 * (schema, references, team, mission started, money accepted, warnings), computed on
 * the loaded registry with the draft in place of any existing file: the same checks,
 * not a copy of them.
 */
export function draftProblems(loaded: LoadResult, answers: DeclarationAnswers, date: string): Problem[] {
  const declaration = buildDeclaration(answers);
  const file = declarationFile(declaration.prestataire, declaration.mission);
  const yamlText = declarationYaml(declaration);
  const parsed = parseYamlFile(yamlText);
  const problems: Problem[] = [];
  const here = new FileProblems({ file, yamlText }, problems);
  if (!parsed.ok) throw new Error(`declarationYaml a produit un YAML illisible (${parsed.code})`);
  const result = declarationSchema.safeParse(parsed.data);
  if (!result.success) {
    for (const issue of issuesFromZod(declarationSchema, 'declaration', parsed.data, result.error.issues)) here.at(issue.path, issue.code, issue.params);
    return sortProblems(problems);
  }
  const entry = { data: result.data, file, body: '', yamlText };
  const registry = { ...loaded.registry, declarations: [...loaded.registry.declarations.filter((d) => d.file !== file), entry] };
  return sortProblems(checkRegistry(registry, { date, invalid: loaded.invalid }).filter((p) => p.file === file));
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

