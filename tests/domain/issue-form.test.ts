// The issue form read as untrusted data (src/domain/contribution/issue-form.ts): the sections the
// forge renders, French amounts and dates, one line per contribution, every problem
// named by the label the person saw, and the registry's checks on the sample content
// on 2026-11-29 (SAMPLE_DATE).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { parse } from 'yaml';
import { beforeAll, describe, expect, test } from 'vitest';
import { buildDeclaration, declarationYaml } from '../../src/domain/contribution/declaration-file.ts';
import { FORM_FIELDS, FORM_LIMITS, formSections, issueVerdict, LINE_FORMATS, placeOf, readIssueForm, replacementText, type FormProblem } from '../../src/domain/contribution/issue-form.ts';
import { loadRegistry, type LoadResult } from '../../src/domain/rules/load.ts';
import { FIXTURES, ROOT, SAMPLE, SAMPLE_DATE } from '../helpers.ts';

const payload = (name: string) => JSON.parse(readFileSync(join(FIXTURES, 'issues', `${name}.json`), 'utf8')) as { issue: { body: string; user: { login: string } } };
const MAINTAINERS = ['equipe-compagnie', 'mainteneur-registre'];

/** A body as the forge renders an issue form: "### label", a blank line, the answer. */
function formBody(answers: Partial<Record<keyof typeof FORM_FIELDS, string>>): string {
  const all = { accord: "- [X] J'accepte que cette déclaration soit publiée sous licence ODbL.", ...answers };
  return (Object.keys(FORM_FIELDS) as (keyof typeof FORM_FIELDS)[]).map((field) => `### ${FORM_FIELDS[field]}\n\n${all[field] ?? '_No response_'}`).join('\n\n');
}
const basics = { prestataire: 'nicolas-verhaeghe', mission: 'vie-associative-moulin-des-flandres-2026' };
const where = (problems: FormProblem[]) => problems.map((p) => `${placeOf(p)} : ${p.message}`);

let loaded: LoadResult;
beforeAll(() => {
  loaded = loadRegistry(SAMPLE, { date: SAMPLE_DATE });
});

describe('le modèle de formulaire', () => {
  const template = parse(readFileSync(join(ROOT, '.github', 'ISSUE_TEMPLATE', 'declaration.yml'), 'utf8')) as {
    labels: string[];
    body: { type: string; id?: string; attributes: { label?: string; description?: string; placeholder?: string } }[];
  };
  const fields = template.body.filter((f) => f.type !== 'markdown');

  test('chaque champ a l’identifiant et le libellé que la lecture attend, et l’étiquette declaration', () => {
    expect(Object.fromEntries(fields.map((f) => [f.id, f.attributes.label]))).toEqual(FORM_FIELDS);
    expect(template.labels).toEqual(['declaration']);
  });

  test('les champs à plusieurs lignes montrent le format qu’on lit, et leur exemple est accepté', () => {
    for (const field of ['communs', 'argent', 'nature'] as const) {
      const entry = fields.find((f) => f.id === field)!;
      expect(entry.attributes.description).toMatch(/^Une ligne par [a-z]+ : .+ ; /);
      const body = formBody({ ...basics, [field]: entry.attributes.placeholder });
      const form = readIssueForm(body, SAMPLE_DATE);
      expect(form.ok ? [] : where(form.problems)).toEqual([]);
    }
  });
});

describe('lecture du corps', () => {
  test('sections rendues par la forge : « _No response_ » est une réponse vide, les sections inconnues sont ignorées', () => {
    const sections = formSections('### Votre identifiant de prestataire\r\n\r\nalice\r\n\r\n### Autre chose\n\ntexte\n\n### Un commentaire\n\n_No response_');
    expect(sections.get('prestataire')).toBe('alice');
    expect(sections.get('commentaire')).toBe('');
    expect([...sections.keys()]).toEqual(['prestataire', 'commentaire']);
  });

  test('montants à la française, dates JJ/MM/AAAA ou AAAA-MM-JJ, heures « 1,5 h », une ligne par contribution', () => {
    const form = readIssueForm(
      formBody({
        ...basics,
        argent: '- compagnie-des-tiers-lieux ; 1 200,50 € ; Versé ; 3/11/2026\nmovilab ; 1200 € ; promis ; 2027-01-15 ; https://exemple.org/promesse',
        nature: 'movilab ; 1,5 h ; relecture ; 20/10/2026',
      }),
      SAMPLE_DATE,
    );
    expect(form.ok).toBe(true);
    expect(form.answers?.contributions_argent).toEqual([
      { commun: 'compagnie-des-tiers-lieux', montant_eur: 1200.5, statut: 'verse', date: '2026-11-03' },
      { commun: 'movilab', montant_eur: 1200, statut: 'promis', date: '2027-01-15', preuve: 'https://exemple.org/promesse' },
    ]);
    expect(form.answers?.contributions_nature).toEqual([{ commun: 'movilab', heures: 1.5, description: 'relecture', date: '2026-10-20' }]);
  });

  test('chaque problème nomme le champ, la ligne, et dit comment corriger', () => {
    const form = readIssueForm(
      formBody({
        prestataire: 'Nicolas Verhaeghe',
        mission: '',
        communs: 'movilab',
        argent: 'movilab ; douze ; donné ; 31/02/2026',
        nature: 'movilab ; 3 ; atelier ; 20/10/2026 ; javascript:alert(1)',
        accord: "- [ ] J'accepte que cette déclaration soit publiée sous licence ODbL.",
      }),
      SAMPLE_DATE,
    );
    expect(form.ok).toBe(false);
    if (form.ok) return;
    expect(where(form.problems)).toEqual([
      '« Votre identifiant de prestataire » : « Nicolas Verhaeghe » n’est pas un identifiant (minuscules, chiffres et tirets).',
      '« Identifiant de la mission » : Réponse manquante.',
      '« Communs utilisés », ligne 1 : La ligne n’a pas toutes ses parties, séparées par des points-virgules.',
      expect.stringMatching(/^« Contributions en argent », ligne 1 : « montant_eur » doit être un nombre \(reçu « douze »\)/),
      '« Contributions en argent », ligne 1 : « donné » : écrivez « versé » ou « promis ».',
      "« Contributions en argent », ligne 1 : « date » : le 31/02/2026 n'existe pas dans le calendrier.",
      expect.stringMatching(/^« Contributions en nature », ligne 1 : .*lien/),
      '« Publication » : La case « J’accepte que cette déclaration soit publiée sous licence ODbL » n’est pas cochée.',
    ]);
    expect(form.problems[2].hint).toBe(`Une ligne par commun, ainsi : ${LINE_FORMATS.communs}.`);
    expect(form.problems[5].hint).toBe('Vérifiez le jour et le mois (février a 28 ou 29 jours).');
    expect(form.problems[0].hint).toContain('/prestataires/atelier-du-bocage/');
  });

  test('une déclaration qui ne dit rien est refusée, avec ce qu’il faut écrire', () => {
    const form = readIssueForm(formBody(basics), SAMPLE_DATE);
    expect(form.ok ? [] : where(form.problems)).toEqual(['« Communs utilisés » : La déclaration ne dit rien : aucun commun utilisé, aucune contribution en argent ni en nature.']);
    const said = readIssueForm(formBody({ ...basics, aucun_commun: 'Mission menée avec nos seuls outils.', rien_donne: 'Mission bénévole, rien facturé.' }), SAMPLE_DATE);
    expect(said.ok).toBe(true);
  });
});

describe('données non fiables', () => {
  test('un corps trop long (trop-longue.json) est refusé d’un bloc, sans rien lire', () => {
    const { body } = payload('trop-longue').issue;
    expect(body.length).toBeGreaterThan(FORM_LIMITS.body);
    const form = readIssueForm(body, SAMPLE_DATE);
    expect(form.ok).toBe(false);
    if (!form.ok) expect(where(form.problems)).toEqual([`Le texte de l’issue : Le texte est trop long (${body.length} caractères, au plus 20000).`]);
    expect(form.answers).toBeUndefined();
  });

  test('caractères de contrôle et inversions de sens refusés, trop de lignes refusées', () => {
    const form = readIssueForm(formBody({ ...basics, communs: 'movilab ; fiches\u202e txt.exe', nature: Array.from({ length: 31 }, () => 'movilab ; 1 ; x ; 20/10/2026').join('\n') }), SAMPLE_DATE);
    expect(form.ok ? [] : where(form.problems)).toEqual([
      '« Communs utilisés » : La réponse contient des caractères invisibles ou de contrôle.',
      '« Contributions en nature » : 31 lignes : au plus 30.',
    ]);
  });

  test('commandes shell, ancres YAML, __proto__ : gardés tels quels comme texte, jamais interprétés', () => {
    const verdict = issueVerdict(loaded, { body: payload('injection').issue.body, author: 'nverhaeghe', mainteneurs: MAINTAINERS, date: SAMPLE_DATE });
    expect(verdict.kind).toBe('proposition');
    if (verdict.kind !== 'proposition') return;
    const back = yaml.load(verdict.text, { schema: yaml.CORE_SCHEMA }) as Record<string, unknown> & { communs_utilises: { usage: string }[]; contributions_nature: { description: string }[] };
    expect(back.communs_utilises.map((c) => c.usage)).toEqual(['$(rm -rf /) et `cat /etc/passwd` pour « préparer »', '&a [1, 2] puis *a, __proto__: {admin: true}']);
    expect(back.contributions_nature[0].description).toBe(`"$(echo pwned)" \\ \${{ secrets.GITHUB_TOKEN }} 'x' #commentaire`);
    expect(back.commentaire).toBe("key: value\n---\n!!js/function 'return 1'\n<script>alert(1)</script>");
    expect(Object.keys(back)).toEqual(['prestataire', 'mission', 'date', 'communs_utilises', 'contributions_argent', 'contributions_nature', 'commentaire']);
  });
});

describe('le verdict sur le registre', () => {
  test('une date écrite 20/11/2026 est lue par le parseur des dates saisies, et le fichier proposé dit "2026-11-20"', () => {
    const body = formBody({ ...basics, communs: 'movilab ; fiches méthode', nature: 'movilab ; 2 ; relecture de la fiche « gouvernance » ; 20/11/2026' });
    const verdict = issueVerdict(loaded, { body, author: 'nverhaeghe', mainteneurs: MAINTAINERS, date: SAMPLE_DATE });
    expect(verdict.kind === 'erreurs' ? where(verdict.problems) : []).toEqual([]);
    if (verdict.kind !== 'proposition') return;
    expect(verdict.text).toContain('    date: "2026-11-20"\n');
    const written = yaml.load(verdict.text, { schema: yaml.CORE_SCHEMA }) as { contributions_nature: Array<{ date: string }> };
    expect(written.contributions_nature[0].date).toBe('2026-11-20');
  });

  test('la bonne issue donne le fichier que npm run declare écrit pour les mêmes réponses', () => {
    const verdict = issueVerdict(loaded, { body: payload('bonne').issue.body, author: 'NVerhaeghe', mainteneurs: MAINTAINERS, date: SAMPLE_DATE });
    expect(verdict).toMatchObject({ kind: 'proposition', path: 'content/declarations/nicolas-verhaeghe/vie-associative-moulin-des-flandres-2026.yaml' });
    if (verdict.kind !== 'proposition') return;
    expect(verdict.text).toBe(
      declarationYaml(
        buildDeclaration({
          ...basics,
          date: SAMPLE_DATE,
          communs_utilises: [
            { commun: 'movilab', usage: "fiches méthode pour animer l'atelier « projet associatif »" },
            { commun: 'boite-a-outils-gouvernance', usage: 'grille de partage des rôles entre bénévoles' },
          ],
          contributions_argent: [
            { commun: 'compagnie-des-tiers-lieux', montant_eur: 60, statut: 'verse', date: '2026-11-14', preuve: 'https://compagnie.example.org/recus/2026-118' },
            { commun: 'movilab', montant_eur: 25.5, statut: 'promis', date: '2027-01-15' },
          ],
          contributions_nature: [{ commun: 'movilab', heures: 2.5, description: 'fiche « projet associatif » complétée', date: '2026-10-20', lien: 'https://movilab.example.org/wiki/Projet_associatif' }],
        }),
      ),
    );
  });

  test('re-déclarer une mission déjà déclarée : la date de la première est gardée, et ce qui change est dit', () => {
    // Nicolas declared the BCUS mission on 2026-08-28: one commons, 20 € paid. The issue of
    // 2026-11-29 (SAMPLE_DATE) names another commons and no money: both old lines go.
    const verdict = issueVerdict(loaded, {
      body: formBody({ prestataire: 'nicolas-verhaeghe', mission: 'bcus-residence-les-tilleuls-2026', communs: 'movilab ; fiches méthode pour les ateliers' }),
      author: 'nverhaeghe',
      mainteneurs: MAINTAINERS,
      date: SAMPLE_DATE,
    });
    expect(verdict.kind).toBe('proposition');
    if (verdict.kind !== 'proposition') return;
    expect(verdict.text).toContain(`date: "2026-08-28"\nmodifiee_le: "${SAMPLE_DATE}"\n`);
    expect(verdict.remplace?.date).toBe('2026-08-28');
    const { intro, lines } = replacementText(verdict.remplace!);
    expect(intro).toContain('Une déclaration existe déjà pour cette mission, faite le 28 août 2026 : celle-ci la remplace et garde sa date');
    expect(lines).toEqual([
      'communs_utilises[0].commun : « compagnie-des-tiers-lieux » → « movilab »',
      'communs_utilises[0].usage : « Contribution plancher dans un consortium du réseau. » → « fiches méthode pour les ateliers »',
      'contributions_argent[0].commun : « compagnie-des-tiers-lieux » → (absent)',
      'contributions_argent[0].montant_eur : 20 → (absent)',
      'contributions_argent[0].statut : « verse » → (absent)',
      'contributions_argent[0].date : « 2026-08-28 » → (absent)',
    ]);
    // A new declaration replaces nothing.
    const fresh = issueVerdict(loaded, { body: payload('bonne').issue.body, author: 'nverhaeghe', mainteneurs: MAINTAINERS, date: SAMPLE_DATE });
    expect(fresh.kind === 'proposition' && fresh.remplace).toBeUndefined();
  });

  test('un point ne dit pas pourquoi (raison_trop_courte), sur le champ que la personne a rempli', () => {
    const verdict = issueVerdict(loaded, { body: formBody({ ...basics, aucun_commun: '.', rien_donne: 'RAS' }), author: 'nverhaeghe', mainteneurs: MAINTAINERS, date: SAMPLE_DATE });
    expect(verdict.kind === 'erreurs' ? where(verdict.problems) : []).toEqual([
      '« Aucun commun utilisé ? Dites-le en une phrase » : « aucun_commun_utilise » ne dit pas pourquoi : « . » n’est pas une phrase. Écrivez une vraie phrase d’au moins trois mots qui dit pourquoi, par exemple « Mission de coordination pure, sans outil ni méthode partagés. » ; un point, un tiret ou « RAS » ne suffisent pas.',
      '« Rien donné ? Dites pourquoi » : « pourquoi_rien_donne » ne dit pas pourquoi : « RAS » n’est pas une phrase. Écrivez une vraie phrase d’au moins trois mots qui dit pourquoi, par exemple « Mission de coordination pure, sans outil ni méthode partagés. » ; un point, un tiret ou « RAS » ne suffisent pas.',
    ]);
  });

  test('montant négatif et commun inconnu : les deux, sur leur ligne, avec les messages de npm run validate', () => {
    const verdict = issueVerdict(loaded, { body: payload('mauvaise').issue.body, author: 'nverhaeghe', mainteneurs: MAINTAINERS, date: SAMPLE_DATE });
    expect(verdict.kind).toBe('erreurs');
    if (verdict.kind !== 'erreurs') return;
    expect(where(verdict.problems)).toEqual([
      expect.stringMatching(/^« Contributions en argent », ligne 1 : « montant_eur » doit être positif \(reçu -150\)/),
      '« Contributions en argent », ligne 2 : Aucun commun « commun-imaginaire » dans communs/.',
    ]);
  });

  test('mission dont on n’est pas l’équipe, prestataire inconnu : messages du validateur sur le bon champ', () => {
    const verdictFor = (prestataire: string, mission: string) =>
      issueVerdict(loaded, { body: formBody({ prestataire, mission, communs: 'movilab ; fiches' }), author: 'nverhaeghe', mainteneurs: MAINTAINERS, date: SAMPLE_DATE });
    const notInTeam = verdictFor('nicolas-verhaeghe', 'urbanisme-transitoire-friche-val-ardoise-2025');
    expect(notInTeam.kind === 'erreurs' ? where(notInTeam.problems) : []).toEqual([
      "« Votre identifiant de prestataire » : « nicolas-verhaeghe » ne fait pas partie de l'équipe de la mission « urbanisme-transitoire-friche-val-ardoise-2025 ».",
    ]);
    const unknown = verdictFor('personne-inconnue', basics.mission);
    expect(unknown.kind === 'erreurs' ? where(unknown.problems) : []).toEqual(['« Votre identifiant de prestataire » : Aucun prestataire « personne-inconnue » dans prestataires/.']);
    if (unknown.kind === 'erreurs') expect(unknown.problems[0].hint).toBe('Vérifiez l’identifiant, ou ajoutez d’abord la fiche du prestataire.');
  });

  test('un autre compte que ceux du prestataire : refusé, avec qui demander ; un mainteneur peut proposer pour lui', () => {
    const body = payload('autre-compte').issue.body;
    const other = issueVerdict(loaded, { body, author: 'quelqu-un-d-autre', mainteneurs: MAINTAINERS, date: SAMPLE_DATE });
    expect(other.kind).toBe('erreurs');
    if (other.kind !== 'erreurs') return;
    expect(where(other.problems)).toEqual([
      '« Votre identifiant de prestataire » : Le compte @quelqu-un-d-autre n’est pas un compte de nicolas-verhaeghe : seul ce prestataire peut déclarer pour lui.',
    ]);
    expect(other.problems[0].hint).toContain('@equipe-compagnie, @mainteneur-registre');
    expect(issueVerdict(loaded, { body, author: 'Equipe-Compagnie', mainteneurs: MAINTAINERS, date: SAMPLE_DATE }).kind).toBe('proposition');
  });
});
