// What a reminder says, on the base tree, when a provider has written things that would
// ping people or make links in the association's issues (forge-trust.md, L2), or has
// hundreds of dead proof links (M2): the name is shown inert, in the title too, and the
// list of dead links stops at DEAD_LINKS_LISTED with how many more.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEAD_LINKS_LISTED, remindersOn } from '../../src/domain/contribution/reminders.ts';
import { loadRegistry } from '../../src/domain/rules/load.ts';
import { baseTree, FIXTURE_DATE } from '../helpers.ts';

const Z = '\u200B';
const links = { declare: () => 'https://forge.example/nouveau', page: (path: string) => `https://site.example${path}` };

describe('rappel « lien mort » d’un prestataire au nom piégé et aux 30 liens morts', () => {
  const dir = baseTree();
  const profile = join(dir, 'prestataires/alice-conseil.md');
  writeFileSync(profile, readFileSync(profile, 'utf8').replace('nom: Alice Conseil', 'nom: "Alice Conseil @torvalds #12 https://evil.example/payer"'));
  const declaration = join(dir, 'declarations/alice-conseil/mission-terminee.yaml');
  const urls = Array.from({ length: 30 }, (_, i) => `https://recus.example.org/${i}`);
  const lines = urls.map((url) => `  - commun: reseau-test\n    montant_eur: 1\n    statut: verse\n    date: "2025-07-05"\n    preuve: ${url}\n`).join('');
  writeFileSync(declaration, readFileSync(declaration, 'utf8').replace('contributions_argent:\n', `contributions_argent:\n${lines}`));
  const result = loadRegistry(dir, { date: FIXTURE_DATE });
  const dead = new Map(urls.map((url) => [url, { url, statut: 404, raison: 'page introuvable' }]));
  const reminder = remindersOn(result.registry, FIXTURE_DATE, links, dead).find((r) => r.prestataire === 'alice-conseil' && r.raison === 'lien_mort')!;

  it('la fiche se charge : un nom peut contenir « @ » et « # »', () => {
    expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('le nom ne mentionne personne, ne renvoie à aucune issue, ne fait aucun lien, dans le titre comme dans le corps', () => {
    expect(reminder.titre).toBe(`Rappel : lien de preuve qui ne répond plus — Alice Conseil @${Z}torvalds #${Z}12 https:${Z}//evil.example/payer`);
    expect(reminder.corps).toContain(`(Alice Conseil @${Z}torvalds \\#${Z}12 https:${Z}//evil.example/payer)`);
    expect(`${reminder.titre}\n${reminder.corps}`).not.toMatch(/@torvalds|#12|https:\/\/evil/);
    // The provider's own accounts are mentioned: the reminder is for them.
    expect(reminder.corps).toContain('Bonjour @alice-conseil,');
  });

  it(`liste ${DEAD_LINKS_LISTED} liens au plus, comme du texte, puis combien d’autres`, () => {
    const listed = reminder.corps.split('\n').filter((l) => l.startsWith(`- https:${Z}//recus.example.org/`));
    expect(listed).toHaveLength(DEAD_LINKS_LISTED);
    expect(reminder.corps).toContain('- … et 10 autres (la liste complète : `npm run liens`, ou les avertissements de votre fiche sur le site).');
  });
});
