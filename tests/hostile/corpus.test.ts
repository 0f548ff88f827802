// The corpus of hostile files: one folder per attack in tests/fixtures/hostile/, laid
// over the valid base tree, each with the exact error it must get (file, line, column,
// code, message). What Git cannot keep or would be heavy to keep (symbolic links, a named
// pipe, a file name that is not UTF-8, 300 KB, 10,000 levels of nesting) is built here,
// at test time. Then every attack at once beside the valid files: nothing valid is lost.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import matter from 'gray-matter';
import { afterAll, describe, expect, it } from 'vitest';
import type { Code } from '../../src/domain/registry/codes.ts';
import { loadRegistry, type LoadResult } from '../../src/domain/rules/load.ts';
import type { Problem } from '../../src/domain/registry/problems.ts';
import { FIXTURE_DATE, FIXTURES, tempDir, walk } from '../helpers.ts';

const BASE = join(FIXTURES, 'base');
const HOSTILE = join(FIXTURES, 'hostile');
/** The base tree: 3 prestataires, 2 missions, 2 communs, 1 déclaration, 1 fichier de règles. */
const BASE_ENTITIES = 9;
/** A hang guard, not a performance target: the slowest case here takes a few milliseconds. */
const LOAD_BUDGET_MS = 2_000;

const trees: string[] = [];
afterAll(() => {
  for (const dir of trees) rmSync(dir, { recursive: true, force: true });
});
function baseTree(): string {
  const dir = tempDir('cr-hostile-');
  cpSync(BASE, dir, { recursive: true });
  trees.push(dir);
  return dir;
}
function overlay(dir: string, name: string): void {
  const from = join(HOSTILE, name);
  for (const file of walk(from)) {
    const target = join(dir, relative(from, file));
    mkdirSync(dirname(target), { recursive: true });
    cpSync(file, target);
  }
}
function write(dir: string, rel: string, content: string | Buffer): void {
  mkdirSync(dirname(join(dir, rel)), { recursive: true });
  writeFileSync(join(dir, rel), content);
}
function timedLoad(dir: string): LoadResult {
  const started = performance.now();
  const result = loadRegistry(dir, { date: FIXTURE_DATE });
  expect(performance.now() - started).toBeLessThan(LOAD_BUDGET_MS);
  return result;
}

const where = (p: Problem) => `${p.file}:${p.line}:${p.column}`;
const errorsOf = (r: LoadResult) => r.problems.filter((p) => p.severity === 'error');
const listed = (problems: Problem[]) => problems.map((p) => `  ${where(p)} ${p.code} ${p.message}`).join('\n') || '  (aucun)';

/** [file:line:col, code, fragment of the French message]. */
type Expected = [at: string, code: Code, message: string];

interface Case {
  name: string;
  /** Accepted on purpose: the file is a valid entity (the case says why). */
  kept?: boolean;
  /** The file a live payload would write in the temporary folder, were it ever run. */
  witness?: string;
  problems: Expected[];
}

const decl = (name: string) => `declarations/alice-conseil/${name}.yaml`;
const NOT_UTF8 = 'Ce fichier n\'est pas encodé en UTF-8.';
const NO_FRONT_MATTER = 'Le fichier doit commencer par une ligne « --- »';
const TOO_COMPLEX = 'Le YAML est trop complexe pour être lu sans risque';
const TOO_DEEP = 'Le texte imbrique trop de citations (« > ») ou de listes les unes dans les autres';
const BODY_COMPLEX = 'Le texte (Markdown) est trop complexe pour être affiché sans risque';
const NO_ALIAS = 'Les ancres et alias YAML (&nom, *nom) ne sont pas acceptés';
const LAYOUT_MD = 'n\'est pas à sa place dans le registre (attendu : prestataires/<identifiant>.md, en minuscules et tirets)';
const LAYOUT_DECL = 'n\'est pas à sa place dans le registre (attendu : declarations/<prestataire>/<mission>.yaml)';
const LAYOUT_ROOT = 'n\'est pas à sa place dans le registre (dossier ou fichier inattendu à la racine)';
const NOT_WEB = 'doit être un lien web complet en http ou https';

/** One row per folder of tests/fixtures/hostile/. */
const CASES: Case[] = [
  // --- front matter that would run code (gray-matter evaluates it unless its engines are replaced)
  { name: 'front-matter-js', witness: 'cr-hostile-front-matter-js', problems: [
    ['prestataires/front-matter-js.md:1:4', 'front_matter_langage', 'L\'en-tête est déclaré en « js » : seul le YAML est accepté.']] },
  { name: 'front-matter-javascript', witness: 'cr-hostile-front-matter-javascript', problems: [
    ['prestataires/front-matter-javascript.md:1:4', 'front_matter_langage', 'déclaré en « javascript »']] },
  { name: 'front-matter-bom-js', witness: 'cr-hostile-front-matter-bom-js', problems: [
    ['prestataires/front-matter-bom-js.md:1:4', 'front_matter_langage', 'déclaré en « js »']] },
  { name: 'front-matter-js-espace', witness: 'cr-hostile-front-matter-js-espace', problems: [
    ['prestataires/front-matter-js-espace.md:1:4', 'front_matter_langage', 'déclaré en « js »']] },
  { name: 'front-matter-coffee', witness: 'cr-hostile-front-matter-coffee', problems: [
    ['prestataires/front-matter-coffee.md:1:4', 'front_matter_langage', 'déclaré en « coffee »']] },
  // --- YAML that explodes once walked: anchors and aliases are refused at the first « & »,
  // before js-yaml builds anything, so that what is read is never larger than the file.
  { name: 'yaml-alias-bomb', problems: [
    [`${decl('yaml-alias-bomb')}:8:4`, 'yaml_alias', `${NO_ALIAS} : une ancre « &a » se trouve ici.`]] },
  { name: 'yaml-alias-bomb-front-matter', problems: [
    ['prestataires/yaml-alias-bomb-front-matter.md:9:4', 'yaml_alias', `${NO_ALIAS} : une ancre « &a »`]] },
  // An alias with no anchor, in a flow list: the lexer still sees it.
  { name: 'yaml-alias-sans-ancre', problems: [
    [`${decl('yaml-alias-sans-ancre')}:6:9`, 'yaml_alias', `${NO_ALIAS} : un alias « *wiki » se trouve ici.`]] },
  // « & » and « * » inside a text are text: « R &D », « *important* ». Accepted.
  { name: 'esperluette-dans-le-texte', kept: true, problems: [] },
  // --- keys that reach an object's prototype, wherever they hide. A « << » merge needs an
  // anchor, now refused first: the __proto__ it carries is never read.
  { name: 'cle-proto-fusion', problems: [
    [`${decl('cle-proto-fusion')}:2:7`, 'yaml_alias', 'une ancre « &base »']] },
  { name: 'cle-proto-fusion-en-ligne', problems: [
    [`${decl('cle-proto-fusion-en-ligne')}:5:6`, 'cle_interdite', 'La clé « __proto__ » est interdite.']] },
  { name: 'cle-proto', problems: [
    ['prestataires/cle-proto.md:9:1', 'cle_interdite', 'La clé « __proto__ » est interdite.']] },
  { name: 'cle-constructor', problems: [
    [`${decl('cle-constructor')}:8:5`, 'cle_interdite', 'La clé « constructor » est interdite.']] },
  { name: 'cle-prototype', problems: [
    ['communs/cle-prototype.md:15:1', 'cle_interdite', 'La clé « prototype » est interdite.']] },
  // Keys that hide a method of every object: `type: {toString: 1}` made the loader throw
  // (String(value) while writing the message) before src/domain/registry/parse.ts refused them.
  { name: 'cle-tostring', problems: [
    ['prestataires/cle-tostring.md:9:1', 'cle_interdite', 'La clé « toString » est interdite.']] },
  { name: 'cle-tostring-valeur', problems: [
    ['prestataires/cle-tostring-valeur.md:5:8', 'cle_interdite', 'La clé « toString » est interdite.']] },
  // --- custom tags: the core schema has none, so nothing is constructed
  { name: 'tag-js-function', witness: 'cr-hostile-tag-js-function', problems: [
    [`${decl('tag-js-function')}:7:12`, 'yaml_syntaxe', 'l\'étiquette « !!js/function » n\'est pas acceptée']] },
  { name: 'tag-python-object', problems: [
    [`${decl('tag-python-object')}:7:12`, 'yaml_syntaxe', 'l\'étiquette « !!python/object/apply:os.system » n\'est pas acceptée']] },
  { name: 'tag-include', problems: [
    [`${decl('tag-include')}:7:12`, 'yaml_syntaxe', 'l\'étiquette « !include » n\'est pas acceptée']] },
  // --- duplicate keys
  { name: 'cle-dupliquee', problems: [
    [`${decl('cle-dupliquee')}:8:1`, 'yaml_cle_dupliquee', 'La clé « date » apparaît deux fois.']] },
  { name: 'cle-dupliquee-guillemets', problems: [
    ['prestataires/cle-dupliquee-guillemets.md:9:1', 'yaml_cle_dupliquee', 'La clé « id » apparaît deux fois.']] },
  // --- bytes that are not UTF-8 text
  { name: 'encodage-latin1', problems: [['prestataires/encodage-latin1.md:1:1', 'encodage_invalide', NOT_UTF8]] },
  { name: 'encodage-utf8-invalide', problems: [[`${decl('encodage-utf8-invalide')}:1:1`, 'encodage_invalide', NOT_UTF8]] },
  { name: 'encodage-utf16', problems: [['prestataires/encodage-utf16.md:1:1', 'encodage_invalide', NOT_UTF8]] },
  // A NUL byte is valid UTF-8, but Git then shows the file as binary: no diff to review.
  // UTF-16 without a BOM, of ASCII text, is such a file: refused at its first NUL.
  { name: 'encodage-utf16-sans-bom', problems: [[`${decl('encodage-utf16-sans-bom')}:1:2`, 'encodage_invalide', NOT_UTF8]] },
  { name: 'octets-nuls', problems: [['prestataires/octets-nuls.md:11:12', 'encodage_invalide', NOT_UTF8]] },
  { name: 'octets-nuls-yaml', problems: [[`${decl('octets-nuls-yaml')}:7:18`, 'encodage_invalide', NOT_UTF8]] },
  // "\e[2J" written as an escape: YAML accepts it, the terminal and the RSS feeds would not.
  { name: 'caractere-controle-echappe', problems: [
    ['prestataires/caractere-controle-echappe.md:4:18', 'yaml_syntaxe', 'un caractère de contrôle invisible (U+001B), écrit avec « \\ » entre guillemets, n\'est pas permis']] },
  // --- ids that walk out of their folder
  { name: 'id-remontant', problems: [
    [`${decl('id-remontant')}:2:1`, 'identifiant_invalide', '« prestataire » doit être un identifiant en minuscules, chiffres et tirets (reçu : « ../alice-conseil »).']] },
  { name: 'id-slash', problems: [
    ['prestataires/id-slash.md:3:1', 'identifiant_invalide', '(reçu : « ../../etc/passwd »)']] },
  { name: 'reference-remontante', problems: [
    ['missions/reference-remontante.md:15:5', 'identifiant_invalide', '(reçu : « ../prestataires/alice-conseil »)']] },
  // --- file names and places outside the layout
  { name: 'nom-fichier-majuscules', problems: [['prestataires/Nom-Fichier-Majuscules.md:1:1', 'fichier_hors_structure', LAYOUT_MD]] },
  { name: 'nom-fichier-espaces', problems: [['prestataires/nom fichier espaces.md:1:1', 'fichier_hors_structure', LAYOUT_MD]] },
  { name: 'nom-fichier-points', problems: [
    ['prestataires/..nom-fichier-points.md:1:1', 'fichier_hors_structure', LAYOUT_MD],
    ['declarations/..alice-conseil:1:1', 'fichier_hors_structure', LAYOUT_DECL]] },
  { name: 'hors-structure-racine', problems: [['evil.md:1:1', 'fichier_hors_structure', LAYOUT_ROOT]] },
  { name: 'hors-structure-profond', problems: [['declarations/x/y:1:1', 'fichier_hors_structure', LAYOUT_DECL]] },
  { name: 'hors-structure-dossier', problems: [['.github:1:1', 'fichier_hors_structure', LAYOUT_ROOT]] },
  { name: 'hors-structure-extension', problems: [
    ['declarations/alice-conseil/hors-structure-extension.yml:1:1', 'fichier_hors_structure', LAYOUT_DECL]] },
  { name: 'hors-structure-sous-dossier', problems: [['prestataires/sous-dossier:1:1', 'fichier_hors_structure', LAYOUT_MD]] },
  // --- text that reads differently from what it is
  { name: 'nom-bidi', problems: [
    ['prestataires/nom-bidi.md:4:1', 'texte_bidi', '« nom » contient des caractères invisibles qui inversent le sens du texte.']] },
  { name: 'titre-bidi-isolat', problems: [
    ['missions/titre-bidi-isolat.md:4:1', 'texte_bidi', '« titre » contient des caractères invisibles']] },
  // --- names that look like another one's: refused, naming the one they imitate (UTS #39
  // skeleton); an invisible character is refused by the schema as well.
  { name: 'nom-espace-invisible', problems: [
    ['prestataires/nom-espace-invisible.md:4:1', 'nom_sosie', 'Le nom « Alice Con<U+200B>seil » se confond avec « Alice Conseil » (prestataires/alice-conseil.md) : seuls des caractères invisibles les distinguent (U+200B).'],
    ['prestataires/nom-espace-invisible.md:4:1', 'texte_invisible', '« nom » contient un caractère invisible (U+200B)']] },
  { name: 'nom-etiquette-unicode', problems: [
    ['prestataires/nom-etiquette-unicode.md:4:1', 'nom_sosie', 'se confond avec « Alice Conseil » (prestataires/alice-conseil.md) : seuls des caractères invisibles les distinguent (U+E0041).'],
    ['prestataires/nom-etiquette-unicode.md:4:1', 'texte_invisible', '« nom » contient un caractère invisible (U+E0041)']] },
  { name: 'nom-cyrillique', problems: [
    ['prestataires/nom-cyrillique.md:4:1', 'nom_sosie', 'Le nom « Аlice Conseil » se confond avec « Alice Conseil » (prestataires/alice-conseil.md) : ils ne diffèrent que par des lettres sosies, comme « А » (U+0410) à la place de « A » (U+0041).']] },
  { name: 'nom-i-majuscule', problems: [
    ['prestataires/nom-i-majuscule.md:4:1', 'nom_sosie', 'comme « I » (U+0049) à la place de « l » (U+006C)']] },
  { name: 'nom-majuscules', problems: [
    ['prestataires/nom-majuscules.md:4:1', 'nom_sosie', 'Le nom « ALICE CONSEIL » se confond avec « Alice Conseil » (prestataires/alice-conseil.md) : seules des majuscules les distinguent.']] },
  { name: 'nom-identique', problems: [
    ['prestataires/nom-identique.md:4:1', 'nom_sosie', 'se confond avec « Alice Conseil » (prestataires/alice-conseil.md) : c’est le même nom.']] },
  // One pool for providers and commons: a provider may not borrow a commons' name.
  { name: 'nom-comme-un-commun', problems: [
    ['prestataires/nom-comme-un-commun.md:4:1', 'nom_sosie', 'se confond avec « Wiki de test » (communs/wiki-test.md)']] },
  // A look-alike commons with its own payment link: refused, so the link never reaches a page.
  { name: 'commun-sosie', problems: [
    ['communs/commun-sosie.md:4:1', 'nom_sosie', 'Le nom « Réseau dе test » se confond avec « Réseau de test » (communs/reseau-test.md) : ils ne diffèrent que par des lettres sosies, comme « е » (U+0435) à la place de « e » (U+0065).']] },
  { name: 'territoire-trait-union-conditionnel', problems: [
    ['prestataires/territoire-trait-union-conditionnel.md:6:1', 'texte_invisible', '« territoire » contient un caractère invisible (U+00AD)']] },
  // A name in NFD (letters and combining accents): the same to the eye, another text to
  // the registry, its search and its exports. Refused, never silently rewritten.
  { name: 'nom-nfd', problems: [
    ['prestataires/nom-nfd.md:4:1', 'texte_non_nfc', '« nom » écrit des lettres accentuées en deux caractères']] },
  // Free text too: NFD, and Unicode tag characters that hide a word (« ASCII smuggling »).
  { name: 'usage-nfd', problems: [[`${decl('usage-nfd')}:7:5`, 'texte_non_nfc', '« usage » écrit des lettres accentuées en deux caractères']] },
  { name: 'usage-etiquettes-unicode', problems: [[`${decl('usage-etiquettes-unicode')}:7:5`, 'texte_invisible', '« usage » contient un caractère invisible (U+E0049)']] },
  // U+200D joins emoji (👩‍👩‍👧) and the letters of several scripts; it does not reorder
  // text. Accepted: the file is a valid provider (with only the warning of no membership).
  { name: 'nom-zwj', kept: true, problems: [] },
  // A folder named like the file Git keeps empty folders with (.gitkeep) would hide what it
  // holds: only a .gitkeep file is skipped.
  { name: 'dossier-gitkeep', problems: [
    ['declarations/.gitkeep:1:1', 'fichier_hors_structure', LAYOUT_DECL],
    ['prestataires/.gitkeep:1:1', 'fichier_hors_structure', LAYOUT_MD]] },
  // --- Markdown bodies hold the same characters as a name: no control, bidi or invisible
  // character, no decomposed accent (src/domain/registry/body-characters.ts).
  { name: 'corps-etiquettes-unicode', problems: [['prestataires/corps-etiquettes-unicode.md:12:32', 'corps_caracteres', 'contient un caractère invisible (U+E0049)']] },
  { name: 'corps-nfd', problems: [['prestataires/corps-nfd.md:10:3', 'corps_caracteres', 'contient une lettre accentuée écrite en deux caractères (« é »']] },
  { name: 'corps-controle', problems: [['prestataires/corps-controle.md:12:10', 'corps_caracteres', 'contient un caractère de contrôle (U+001B)']] },
  // --- Markdown bodies the renderer would choke on (src/domain/registry/markdown.ts): refused by a
  // linear scan before any rendering, at the line where the limit is crossed.
  { name: 'corps-citations-imbriquees', problems: [
    ['prestataires/corps-citations-imbriquees.md:12:5002', 'corps_trop_imbrique', `${TOO_DEEP} : plus de 8 niveaux.`]] },
  { name: 'corps-listes-imbriquees', problems: [['prestataires/corps-listes-imbriquees.md:10:4001', 'corps_trop_imbrique', TOO_DEEP]] },
  // Indentation may be code: the scan cannot tell, the parser of the site counts the levels.
  { name: 'corps-listes-indentees', problems: [['prestataires/corps-listes-indentees.md:26:67', 'corps_trop_imbrique', TOO_DEEP]] },
  // Each quote closed costs as much as everything before it (quadratic in micromark).
  { name: 'corps-citations-successives', problems: [
    ['prestataires/corps-citations-successives.md:522:3', 'corps_trop_complexe', 'plus de 256 marques de citation ou de liste (> - * + 1.) en début de ligne']] },
  { name: 'corps-1200-lignes', problems: [
    ['prestataires/corps-1200-lignes.md:1010:1', 'corps_trop_long', 'Le texte (Markdown, sous l\'en-tête) est trop long : plus de 1000 lignes.']] },
  { name: 'corps-emphases-non-fermees', problems: [
    ['prestataires/corps-emphases-non-fermees.md:12:130', 'corps_trop_complexe', `${BODY_COMPLEX} : plus de 64 marques d’emphase (* _ ~) dans un même paragraphe.`]] },
  // Under the limit of each paragraph, not of the whole text: each marker costs its time.
  { name: 'corps-symboles-nombreux', problems: [
    ['prestataires/corps-symboles-nombreux.md:142:42', 'corps_trop_complexe', 'plus de 2000 symboles de mise en forme (* _ ~ [ ] <) dans un même texte']] },
  { name: 'corps-crochets', problems: [['prestataires/corps-crochets.md:10:129', 'corps_trop_complexe', 'plus de 64 crochets ([ ]) dans un même paragraphe']] },
  { name: 'corps-chevrons', problems: [['prestataires/corps-chevrons.md:10:193', 'corps_trop_complexe', 'plus de 64 chevrons (<) dans un même paragraphe']] },
  { name: 'corps-definitions', problems: [['prestataires/corps-definitions.md:110:1', 'corps_trop_complexe', 'plus de 50 définitions de liens (« [nom]: adresse »)']] },
  { name: 'corps-reference-amplifiee', problems: [
    ['prestataires/corps-reference-amplifiee.md:10:1', 'corps_trop_complexe', 'des liens par référence répétés : une fois affiché, il pourrait faire 6025025 caractères pour 11867 écrits']] },
  // An empty « - » does not end a paragraph, nor does a code fence opened in a quote hide
  // what follows it: the scan is not fooled into counting from zero.
  { name: 'corps-liste-vide', problems: [['prestataires/corps-liste-vide.md:12:50', 'corps_trop_complexe', 'marques d’emphase']] },
  { name: 'corps-code-en-citation', problems: [['prestataires/corps-code-en-citation.md:11:130', 'corps_trop_complexe', 'marques d’emphase']] },
  // A thousand asterisks in a fenced code block are code, shown as they are: accepted.
  { name: 'corps-code-clos', kept: true, problems: [] },
  // --- links that are not web links (z.url() would accept them all; z.httpUrl() does not)
  { name: 'lien-javascript', problems: [
    [`${decl('lien-javascript')}:13:5`, 'lien_invalide', `« preuve » ${NOT_WEB} (reçu : « javascript:alert(document.cookie) »).`]] },
  { name: 'lien-javascript-deguise', problems: [['prestataires/lien-javascript-deguise.md:7:1', 'lien_invalide', `« site » ${NOT_WEB}`]] },
  { name: 'lien-data', problems: [['communs/lien-data.md:7:1', 'lien_invalide', '(reçu : « data:text/html;base64,']] },
  { name: 'lien-file', problems: [['missions/lien-file.md:16:5', 'lien_invalide', '(reçu : « file:///etc/passwd »)']] },
  { name: 'lien-vbscript', problems: [['communs/lien-vbscript.md:13:3', 'lien_invalide', '(reçu : « vbscript:msgbox(1) »)']] },
  { name: 'lien-protocole-relatif', problems: [['prestataires/lien-protocole-relatif.md:7:1', 'lien_invalide', '(reçu : « //evil.example.org »)']] },
  // --- numbers and dates
  // 1e308 × 100 overflows to Infinity, so the cents check refuses it (the message speaks of
  // decimals: the amount has no upper bound of its own in schemas/shared.ts).
  // A billionth of a euro is positive, but not a number of cents.
  { name: 'montant-sous-centime', problems: [[`${decl('montant-sous-centime')}:10:5`, 'montant_centimes', '« montant_eur » a plus de deux décimales (reçu 1e-9).']] },
  // What comes before « @ » is a user name: the link goes to evil.example.
  { name: 'lien-identifiants', problems: [
    [`${decl('lien-identifiants')}:13:5`, 'lien_identifiants', '« preuve » contient un identifiant avant « @ » (reçu : « https://recus.reseau-test.example@evil.example/recu »)']] },
  { name: 'montant-1e308', problems: [[`${decl('montant-1e308')}:10:5`, 'nombre_hors_limites', '« montant_eur » vaut 1e+308, hors des limites permises.']] },
  { name: 'montant-infini', problems: [[`${decl('montant-infini')}:10:5`, 'type_invalide', '« montant_eur » doit être un nombre (reçu : Infinity).']] },
  { name: 'montant-nan', problems: [[`${decl('montant-nan')}:10:5`, 'type_invalide', '« montant_eur » doit être un nombre (reçu : NaN).']] },
  { name: 'date-30-fevrier', problems: [
    [`${decl('date-30-fevrier')}:4:1`, 'date_inexistante', '« date » : le 2024-02-30 n\'existe pas dans le calendrier.']] },
  { name: 'date-mois-13', problems: [
    [`${decl('date-mois-13')}:4:1`, 'date_inexistante', '« date » : le 2024-13-01 n\'existe pas dans le calendrier.']] },
  // --- a reason that says nothing, dressed as a sentence (issue 19: « . » counted as saying why)
  { name: 'raison-emojis', problems: [
    [`${decl('raison-emojis')}:5:1`, 'raison_trop_courte', '« aucun_commun_utilise » ne dit pas pourquoi : « 🤷 🤷 🤷 — … !!! ??? » n’est pas une phrase.']] },
  { name: 'raison-lettres-isolees', problems: [
    [`${decl('raison-lettres-isolees')}:5:1`, 'raison_trop_courte', '« pourquoi_rien_donne » ne dit pas pourquoi : « a b c d e f g h i j k » n’est pas une phrase.']] },
  // --- a correction note naming a key of every object as a corrected fact
  { name: 'correction-champ-constructor', problems: [
    ['missions/correction-champ-constructor.md:23:14', 'valeur_invalide', '« champs » vaut « constructor », ce qui n\'est pas une valeur possible.']] },
  // --- Astro's glob() loader would take this as the id and overwrite alice-conseil
  { name: 'cle-slug', problems: [['prestataires/cle-slug.md:9:1', 'cle_inconnue', 'Clé inconnue « slug ».']] },
  // --- empty and broken shapes
  { name: 'fichier-vide', problems: [['prestataires/fichier-vide.md:1:1', 'front_matter_absent', NO_FRONT_MATTER]] },
  { name: 'fichier-vide-yaml', problems: [
    [`${decl('fichier-vide-yaml')}:1:1`, 'yaml_racine', 'Le contenu doit être une liste de champs « clé: valeur ».']] },
  { name: 'front-matter-tirets-seuls', problems: [['prestataires/front-matter-tirets-seuls.md:1:1', 'front_matter_absent', NO_FRONT_MATTER]] },
  { name: 'front-matter-non-ferme', problems: [['prestataires/front-matter-non-ferme.md:1:1', 'front_matter_absent', NO_FRONT_MATTER]] },
  { name: 'yaml-plusieurs-documents', problems: [
    [`${decl('yaml-plusieurs-documents')}:8:1`, 'yaml_syntaxe', 'un second document YAML commence ici']] },
];

/** Attacks built at test time, into a copy of the base tree. */
interface BuiltCase {
  name: string;
  build: (dir: string) => void;
  problems: Expected[];
}

const declaration = (mission: string, extra: string) => `prestataire: alice-conseil\nmission: ${mission}\ndate: "2025-07-05"\n${extra}`;
const provider = (id: string, nom: string) =>
  `---\nid: ${id}\nnom: ${nom}\ntype: independant\nterritoire: Amiénois\ncompetences:\n  - gouvernance\n---\nPrésentation.\n`;

const BUILT: BuiltCase[] = [
  // js-yaml stops at its own limit of 100 levels, near the hundredth bracket of line 4.
  { name: 'imbrication-10000-crochets',
    build: (dir) => write(dir, decl('imbrication-10000-crochets'), declaration('imbrication-10000-crochets', `commentaire: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`)),
    problems: [[`${decl('imbrication-10000-crochets')}:4:113`, 'yaml_trop_complexe', `${TOO_COMPLEX} : plus de 32 niveaux d'imbrication.`]] },
  { name: 'imbrication-10000-accolades',
    build: (dir) => write(dir, 'prestataires/imbrication-10000-accolades.md', provider('imbrication-10000-accolades', `${'{a: '.repeat(10_000)}1${'}'.repeat(10_000)}`)),
    problems: [['prestataires/imbrication-10000-accolades.md:3:399', 'yaml_trop_complexe', 'plus de 32 niveaux d\'imbrication']] },
  // Block nesting grows as the square of its depth (400 levels: 80 KB); js-yaml stops at 100.
  { name: 'imbrication-400-indentation',
    build: (dir) => write(dir, decl('imbrication-400-indentation'), declaration('imbrication-400-indentation',
      `commentaire:\n${Array.from({ length: 400 }, (_, i) => `${' '.repeat(i + 1)}a:`).join('\n')} 1\n`)),
    problems: [[`${decl('imbrication-400-indentation')}:103:100`, 'yaml_trop_complexe', 'plus de 32 niveaux d\'imbrication']] },
  // 300 × 1 024 = 307 200 bytes, above the limit of 256 × 1 024 = 262 144: refused unread.
  { name: 'fichier-300-ko',
    build: (dir) => {
      const head = provider('fichier-300-ko', 'Gros fichier');
      write(dir, 'prestataires/fichier-300-ko.md', head + 'x'.repeat(300 * 1024 - Buffer.byteLength(head)));
    },
    problems: [['prestataires/fichier-300-ko.md:1:1', 'fichier_trop_gros', 'Ce fichier fait 307200 octets, au-delà de la limite de 262144.']] },
  { name: 'nom-10000-caracteres',
    build: (dir) => write(dir, 'prestataires/nom-10000-caracteres.md', provider('nom-10000-caracteres', 'A'.repeat(10_000))),
    problems: [['prestataires/nom-10000-caracteres.md:3:1', 'texte_trop_long', '« nom » est trop long.']] },
  // Above 20,000 characters a string is refused before the schema sees it.
  { name: 'texte-25000-caracteres',
    build: (dir) => write(dir, decl('texte-25000-caracteres'), declaration('texte-25000-caracteres', `commentaire: ${'x'.repeat(25_000)}\n`)),
    problems: [[`${decl('texte-25000-caracteres')}:1:1`, 'yaml_trop_complexe', 'un texte de plus de 20000 caractères']] },
  // 25,000 characters of body, above the limit of 20,000 (the file stays under 256 KB).
  { name: 'corps-25000-caracteres',
    build: (dir) => write(dir, 'prestataires/corps-25000-caracteres.md', provider('corps-25000-caracteres', 'Long texte') + 'x'.repeat(25_000 - 'Présentation.\n'.length)),
    problems: [['prestataires/corps-25000-caracteres.md:9:1', 'corps_trop_long', 'Le texte (Markdown, sous l\'en-tête) est trop long : 25000 caractères, au-delà de la limite de 20000.']] },
  { name: 'lien-symbolique-passwd',
    build: (dir) => symlinkSync('/etc/passwd', join(dir, 'prestataires', 'lien-symbolique-passwd.md')),
    problems: [['prestataires/lien-symbolique-passwd.md:1:1', 'lien_symbolique', 'Ce fichier est un lien symbolique : il est refusé.']] },
  { name: 'lien-symbolique-declaration',
    build: (dir) => symlinkSync('/etc/passwd', join(dir, decl('lien-symbolique-declaration'))),
    problems: [[`${decl('lien-symbolique-declaration')}:1:1`, 'lien_symbolique', 'lien symbolique']] },
  // A relative link to a valid file of the tree: a second provider that would be alice.
  { name: 'lien-symbolique-voisin',
    build: (dir) => symlinkSync('alice-conseil.md', join(dir, 'prestataires', 'lien-symbolique-voisin.md')),
    problems: [['prestataires/lien-symbolique-voisin.md:1:1', 'lien_symbolique', 'lien symbolique']] },
  // bruno-coop's folder pointing at alice-conseil's: her declaration would be his.
  { name: 'dossier-lien-symbolique',
    build: (dir) => symlinkSync(join(dir, 'declarations', 'alice-conseil'), join(dir, 'declarations', 'bruno-coop')),
    problems: [['declarations/bruno-coop:1:1', 'fichier_hors_structure', LAYOUT_DECL]] },
  { name: 'racine-lien-symbolique',
    build: (dir) => symlinkSync('/etc', join(dir, 'etc')),
    problems: [['etc:1:1', 'fichier_hors_structure', LAYOUT_ROOT]] },
  // A reader would wait for ever on a named pipe: it is never opened.
  { name: 'tube-nomme',
    build: (dir) => execFileSync('mkfifo', [join(dir, 'prestataires', 'tube-nomme.md')]),
    problems: [['prestataires/tube-nomme.md:1:1', 'fichier_hors_structure', LAYOUT_MD]] },
  // Byte FF is not UTF-8: the name comes back from readdir with U+FFFD and must not be opened.
  { name: 'nom-fichier-octets-invalides',
    build: (dir) => writeFileSync(Buffer.concat([Buffer.from(join(dir, 'prestataires') + '/'), Buffer.from([0xff]), Buffer.from('.md')]), provider('x', 'X')),
    problems: [['prestataires/\uFFFD.md:1:1', 'fichier_hors_structure', LAYOUT_MD]] },
];

/** What must survive every attack: the ids of the base tree, folder by folder. */
function expectBaseKept(result: LoadResult): void {
  const { registry } = result;
  expect([...registry.prestataires.keys()]).toEqual(expect.arrayContaining(['alice-conseil', 'bruno-coop', 'claire-asso']));
  expect([...registry.missions.keys()]).toEqual(expect.arrayContaining(['mission-appel', 'mission-terminee']));
  expect([...registry.communs.keys()]).toEqual(expect.arrayContaining(['reseau-test', 'wiki-test']));
  expect(registry.declarations.map((d) => d.file)).toContain('declarations/alice-conseil/mission-terminee.yaml');
  expect(registry.regles.map((r) => r.data.en_vigueur_depuis)).toEqual(['2024-01-01']);
  expect(registry.prestataires.get('alice-conseil')!.data.nom).toBe('Alice Conseil');
}

function expectProblems(result: LoadResult, expected: Expected[]): void {
  const errors = errorsOf(result);
  for (const [at, code, message] of expected) {
    const found = errors.find((p) => where(p) === at && p.code === code);
    expect(found, `${at} ${code} attendu ; erreurs reçues :\n${listed(errors)}`).toBeDefined();
    expect(found!.message).toContain(message);
    expect(found!.hint.length).toBeGreaterThan(0);
  }
  expect(errors.map((p) => `${where(p)} ${p.code}`).sort(), listed(errors)).toEqual(expected.map(([at, code]) => `${at} ${code}`).sort());
}

const witnesses = CASES.flatMap((c) => (c.witness ? [join(tmpdir(), c.witness)] : []));
const clearWitnesses = () => witnesses.forEach((file) => rmSync(file, { force: true }));

describe('corpus hostile (tests/fixtures/hostile/)', () => {
  it('chaque dossier a sa ligne dans la table, et inversement', () => {
    expect(CASES.map((c) => c.name).sort()).toEqual(readdirSync(HOSTILE).sort());
  });

  it('les charges JavaScript sont actives : gray-matter seul les exécute (témoin)', () => {
    for (const name of ['front-matter-js', 'front-matter-javascript', 'front-matter-bom-js', 'front-matter-js-espace']) {
      const witness = join(tmpdir(), `cr-hostile-${name}`);
      rmSync(witness, { force: true });
      try {
        matter(readFileSync(join(HOSTILE, name, 'prestataires', `${name}.md`), 'utf8'));
        expect(existsSync(witness), name).toBe(true);
      } finally {
        rmSync(witness, { force: true });
      }
    }
  });

  describe.each(CASES)('$name', ({ name, kept, witness, problems }) => {
    it(kept ? 'est accepté, sans erreur' : 'reçoit exactement son erreur, et garde toutes les entités valides', () => {
      clearWitnesses();
      const dir = baseTree();
      overlay(dir, name);
      const result = timedLoad(dir);
      expectProblems(result, problems);
      expect(result.entities).toBe(BASE_ENTITIES + (kept ? 1 : 0));
      expectBaseKept(result);
      if (witness) expect(existsSync(join(tmpdir(), witness)), 'la charge a été exécutée').toBe(false);
    });
  });
});

describe('textes décomposés', () => {
  it('un nom écrit en NFD est refusé tel quel, le fichier n’est pas réécrit', () => {
    const dir = baseTree();
    overlay(dir, 'nom-nfd');
    expect(timedLoad(dir).registry.prestataires.has('nom-nfd')).toBe(false);
    expect(readFileSync(join(dir, 'prestataires', 'nom-nfd.md'), 'utf8')).toContain('E\u0301quipe');
  });

  it('un drapeau de région (🏴 suivi de ses étiquettes) reste permis', () => {
    const dir = baseTree();
    write(dir, decl('drapeau'), declaration('mission-terminee', 'communs_utilises:\n  - commun: wiki-test\n    usage: "Atelier 🏴\U000E0067\U000E0062\U000E0073\U000E0063\U000E0074\U000E007F à Glasgow."\n'));
    const result = timedLoad(dir);
    expect(errorsOf(result).filter((p) => p.file === decl('drapeau') && p.code !== 'id_nom_fichier')).toEqual([]);
  });
});

describe('un commun sosie ne prend pas le lien de paiement de l’original', () => {
  it('le sosie est refusé, l’original garde son lien, une déclaration vers le sosie ne trouve pas de commun', () => {
    const dir = baseTree();
    overlay(dir, 'commun-sosie');
    write(dir, decl('vers-le-sosie'), declaration('mission-terminee', 'contributions_argent:\n  - commun: commun-sosie\n    montant_eur: 50\n    statut: verse\n    date: "2025-07-05"\n'));
    const result = timedLoad(dir);
    expect(result.registry.communs.has('commun-sosie')).toBe(false);
    expect(result.registry.communs.get('reseau-test')!.data.contribution_argent.url).toBe('https://dons.example.org/reseau');
    // Refused like an invalid file: the declaration is not told twice that the commons is unknown.
    expect(result.invalid.communs.has('commun-sosie')).toBe(true);
    expect(JSON.stringify(result.registry)).not.toContain('dons.example.net');
  });
});

describe('attaques construites au moment du test', () => {
  it.each(BUILT)('$name', ({ build, problems }) => {
    const dir = baseTree();
    build(dir);
    const result = timedLoad(dir);
    expectProblems(result, problems);
    expect(result.entities).toBe(BASE_ENTITIES);
    expectBaseKept(result);
    // Nothing read through a link: /etc/passwd never reaches a message or an entity.
    expect(JSON.stringify(result.problems)).not.toContain('root:');
  });
});

describe('toutes les attaques à la fois, à côté des fichiers valides', () => {
  it('charge chaque fichier valide de la base et nomme chaque fichier hostile dans une erreur', () => {
    clearWitnesses();
    const dir = baseTree();
    for (const { name } of CASES) overlay(dir, name);
    for (const { build } of BUILT) build(dir);
    const result = timedLoad(dir);

    // 9 base entities, plus the one hostile file accepted on purpose (nom-zwj).
    expect(result.entities).toBe(BASE_ENTITIES + CASES.filter((c) => c.kept).length);
    expectBaseKept(result);
    // Exactly the union of every case's errors: none on a valid file, none lost in the crowd.
    expectProblems(result, [...CASES, ...BUILT].flatMap((c) => c.problems));
    for (const witness of witnesses) expect(existsSync(witness), witness).toBe(false);
  });
});
