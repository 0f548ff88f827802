// The /declarer/ form in the browser. Every check is CI's own (through
// src/domain/contribution/ and codes.ts, bundled by Astro): each answer by its schema as
// it is typed, then the whole declaration by the checks npm run validate runs, on the
// data the build put in the page and the provider's file (declare-form-check.ts). The
// file is written by the same code as npm run declare. A declared mission is loaded to
// be amended: it keeps the date of its first declaration, and what changes is shown.
import { frenchTypography } from './typography.ts';
import type { Declaration } from '../../schemas/declaration.ts';
import {
  answerProblem,
  cleanAnswer,
  futurePaymentProblem,
  moneyLine,
  natureLine,
  parseFrenchNumber,
  type AnswerField,
  type DeclarationAnswers,
} from '../domain/contribution/declaration-text.ts';
import { frenchDate, numericFrenchDate, today } from '../domain/registry/dates.ts';
import type { FormData, FormMission, FormProvider } from './declare-form.ts';
import type { FormVerdict } from './declare-form-check.ts';
import { editFileLink, newFileLink } from './new-file-link.ts';

type Checks = typeof import('./declare-form-check.ts');
let checks: Promise<Checks> | null = null;

/**
 * The checks of CI on the whole declaration (rules, plausible figures, dates), a script of
 * their own: loaded once a name is chosen, so the page opens without waiting for them.
 */
function loadChecks(): Promise<Checks> {
  checks ??= import('./declare-form-check.ts').catch((error: unknown) => {
    checks = null;
    throw error;
  });
  return checks;
}

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

const errorOf = (input: HTMLElement) =>
  (input.getAttribute('aria-describedby') ? document.getElementById(input.getAttribute('aria-describedby')!) : input.closest('p')?.querySelector('.erreur')) as HTMLElement | null;

/** The schema's verdict on one answer, shown beside it; a « versé » cannot be dated after today. */
function checkField(input: HTMLInputElement | HTMLTextAreaElement, date: string): string | undefined {
  const field = input.dataset.field as AnswerField;
  const value = input.value.trim();
  const row = input.closest('.ligne');
  let problem: string | undefined;
  if (value !== '') problem = answerProblem(field, value);
  else if (field === 'usage' || field === 'description' || field === 'heures' || field === 'montant_eur') problem = 'Cette réponse est obligatoire.';
  if (!problem && field === 'date' && row?.querySelector<HTMLSelectElement>('[data-key="statut"]')?.value === 'verse') problem = futurePaymentProblem(value, date);
  const out = errorOf(input);
  if (out) out.textContent = frenchTypography(problem ?? '');
  input.setAttribute('aria-invalid', problem ? 'true' : 'false');
  return problem;
}

/** The list of missions, which follows the chosen name, and the expected share of the chosen mission. */
function missionPicker(data: FormData, date: string) {
  const who = $<HTMLSelectElement>('prestataire');
  const mission = $<HTMLSelectElement>('mission');
  const part = $('part');
  /** Each provider's file, fetched once (src/pages/declarer/missions/[id].json.ts). */
  const files = new Map<string, Promise<FormProvider | null>>();
  let current: FormProvider | null = null;

  function loadProvider(id: string): Promise<FormProvider | null> {
    if (!files.has(id)) {
      files.set(
        id,
        fetch(`${data.missions}${encodeURIComponent(id)}.json`)
          .then((response) => (response.ok ? (response.json() as Promise<FormProvider>) : Promise.reject(new Error(String(response.status)))))
          .catch(() => {
            files.delete(id);
            return null;
          }),
      );
    }
    return files.get(id)!;
  }

  async function showMissions() {
    const id = who.value;
    current = null;
    mission.disabled = true;
    mission.replaceChildren(new Option(id ? 'chargement de vos missions…' : '— choisissez d’abord votre nom —', ''));
    showShare();
    if (!id) return;
    void loadChecks().catch(() => undefined); // ready by the time the form is filled
    const provider = await loadProvider(id);
    if (who.value !== id) return; // another name was chosen meanwhile
    if (provider === null) {
      mission.replaceChildren(new Option('vos missions n’ont pas pu être chargées : choisissez à nouveau votre nom, ou rechargez la page', ''));
      return;
    }
    current = provider;
    const { missions } = provider;
    mission.replaceChildren(new Option(missions.length ? '— choisissez —' : 'aucune mission commencée avec vous dans l’équipe', ''));
    for (const m of missions) mission.append(new Option(`${m.titre}${m.declaree ? ' (déjà déclarée)' : ''}`, m.id));
    mission.disabled = missions.length === 0;
  }

  /** The expected share of the chosen mission; its declaration, when there is one, loaded to be amended. */
  function showShare() {
    const chosen = current?.missions.find((x) => x.id === mission.value);
    part.replaceChildren(...shareParagraphs(chosen));
    fillForm(chosen?.declaration, date);
  }

  return { showMissions, showShare, provider: () => current };
}

/** What the form says of a mission: the expected share and its arithmetic, and whether it is already declared. */
function shareParagraphs(m: FormMission | undefined): HTMLElement[] {
  if (!m) return [];
  const paragraph = (text: string) => Object.assign(document.createElement('p'), { textContent: frenchTypography(text) });
  const head = document.createElement('p');
  const strong = document.createElement('strong');
  strong.textContent = m.part ? `Réciprocité attendue de vous : ${m.part.part_eur.toLocaleString('fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} € (argent et nature)` : 'Pas de réciprocité attendue calculable pour cette mission.';
  head.append(strong);
  const out = [head];
  if (m.part) out.push(paragraph(m.part.calcul));
  if (m.declaration) {
    out.push(
      paragraph(
        `Vous avez déjà déclaré pour cette mission, le ${frenchDate(m.declaration.date)} : votre déclaration est chargée ci-dessous. ` +
          'Complétez-la ou corrigez-la (une promesse versée : passez-la à « versé ») ; elle garde sa date, et la modification est datée d’aujourd’hui. ' +
          'Avant l’envoi, le formulaire montre ce qui change.',
      ),
    );
  }
  return out;
}

/** A new line of money or in-kind contribution, dated today, or filled with a line of the declaration being amended. */
function addRow(kind: 'argent' | 'nature', date: string, values?: Record<string, string | number | undefined>) {
  const template = $<HTMLTemplateElement>(`ligne-${kind}`);
  const row = (template.content.firstElementChild as HTMLElement).cloneNode(true) as HTMLElement;
  const n = $(kind).children.length + 1;
  row.querySelector('legend')!.textContent += ` n° ${n}`;
  row.querySelector<HTMLInputElement>('[data-key="date"]')!.value = numericFrenchDate(date);
  row.querySelectorAll<HTMLInputElement>('input').forEach((input, i) => (input.id = `${kind}-${n}-${i}`));
  row.querySelector('[data-retirer]')!.addEventListener('click', () => row.remove());
  for (const [key, value] of Object.entries(values ?? {})) {
    const input = row.querySelector<HTMLInputElement | HTMLSelectElement>(`[data-key="${key}"]`);
    if (input && value !== undefined) {
      // As the person would type it: 12,5 and 28/08/2026 (read back by parseFrenchNumber and readTypedDate).
      input.value = typeof value === 'number' ? value.toLocaleString('fr-FR', { useGrouping: false }) : key === 'date' ? numericFrenchDate(value) : value;
    }
  }
  $(kind).append(row);
  if (!values) row.querySelector<HTMLElement>('select, input')!.focus();
}

/** The form emptied, then filled with the declaration to amend (none: a new declaration). */
function fillForm(declaration: Declaration | undefined, date: string): void {
  for (const box of document.querySelectorAll<HTMLInputElement>('#communs input[type=checkbox]')) {
    const used = declaration?.communs_utilises.find((c) => c.commun === box.dataset.commun);
    box.checked = used !== undefined;
    $<HTMLInputElement>(`usage-${box.dataset.commun}`).value = used?.usage ?? '';
    (box.closest('.commun')!.querySelector('.usage') as HTMLElement).hidden = !box.checked;
  }
  $('argent').replaceChildren();
  $('nature').replaceChildren();
  for (const line of declaration?.contributions_argent ?? []) addRow('argent', date, { ...line });
  for (const line of declaration?.contributions_nature ?? []) addRow('nature', date, { ...line });
  $<HTMLTextAreaElement>('aucun-commun').value = declaration?.aucun_commun_utilise ?? '';
  $<HTMLTextAreaElement>('pourquoi').value = declaration?.pourquoi_rien_donne ?? '';
  $<HTMLTextAreaElement>('commentaire').value = declaration?.commentaire ?? '';
  $('resultat').hidden = true;
  $('bilan').replaceChildren();
}

/** The answers as typed in the form, each line with the defaults every way of declaring gives it. */
function formAnswers(date: string): DeclarationAnswers {
  const rows = (kind: string) => [...$(kind).querySelectorAll<HTMLElement>('.ligne')];
  const val = (row: HTMLElement, key: string) => (row.querySelector(`[data-key="${key}"]`) as HTMLInputElement).value.trim();
  return {
    prestataire: $<HTMLSelectElement>('prestataire').value,
    mission: $<HTMLSelectElement>('mission').value,
    date,
    communs_utilises: [...document.querySelectorAll<HTMLInputElement>('#communs input[type=checkbox]:checked')].map((box) => ({
      commun: box.dataset.commun!,
      usage: $<HTMLInputElement>(`usage-${box.dataset.commun}`).value.trim(),
    })),
    contributions_argent: rows('argent').map((row) =>
      moneyLine(
        {
          commun: val(row, 'commun'),
          montant_eur: parseFrenchNumber(val(row, 'montant_eur')) ?? NaN,
          statut: val(row, 'statut') as 'verse' | 'promis',
          date: cleanAnswer('date', val(row, 'date')),
          preuve: val(row, 'preuve'),
        },
        date,
      ),
    ),
    contributions_nature: rows('nature').map((row) =>
      natureLine(
        { commun: val(row, 'commun'), description: val(row, 'description'), heures: parseFrenchNumber(val(row, 'heures')) ?? NaN, lien: val(row, 'lien'), date: cleanAnswer('date', val(row, 'date')) },
        date,
      ),
    ),
    aucun_commun_utilise: $<HTMLTextAreaElement>('aucun-commun').value.trim() || undefined,
    pourquoi_rien_donne: $<HTMLTextAreaElement>('pourquoi').value.trim() || undefined,
    commentaire: $<HTMLTextAreaElement>('commentaire').value.trim() || undefined,
  };
}

/** What stops the file from being prepared, in the validator's words; empty when it is ready. */
function formProblems(form: HTMLFormElement, date: string): string[] {
  const problems: string[] = [];
  if (!$<HTMLSelectElement>('prestataire').value) problems.push('Choisissez votre nom.');
  if (!$<HTMLSelectElement>('mission').value) problems.push('Choisissez la mission.');
  const visible = [...form.querySelectorAll<HTMLInputElement>('[data-field]')].filter((input) => !input.closest('[hidden]'));
  for (const input of visible) {
    const problem = checkField(input, date);
    if (problem) problems.push(problem);
  }
  return problems;
}

/**
 * Checks the whole form: each answer, then the declaration by every check CI runs; when
 * nothing stops it, lays the file, what it changes and the ways to send it in the result.
 */
async function prepare(form: HTMLFormElement, data: FormData, provider: FormProvider | null, date: string): Promise<string[]> {
  const problems = formProblems(form, date);
  if (problems.length > 0) return problems;
  if (!provider) return ['Vos missions n’ont pas pu être chargées : choisissez à nouveau votre nom, ou rechargez la page.'];
  let check: Checks;
  try {
    check = await loadChecks();
  } catch {
    return ['Les vérifications n’ont pas pu être chargées : vérifiez votre connexion, puis cliquez à nouveau sur « Préparer ma déclaration ».'];
  }
  const verdict = check.formVerdict(data.registre, provider, formAnswers(date), date);
  if (verdict.errors.length > 0) return verdict.errors;
  showResult(data, verdict, check.changeLine);
  return [];
}

/** The prepared file, what it changes in the existing declaration, the warnings, and where to send it. */
function showResult(data: FormData, verdict: FormVerdict, changeLine: Checks['changeLine']): void {
  const { path, text, replaces } = verdict;
  $('chemin').textContent = path;
  $<HTMLTextAreaElement>('fichier').value = text;
  const list = (items: string[]) => {
    const ul = document.createElement('ul');
    for (const item of items) ul.append(Object.assign(document.createElement('li'), { textContent: frenchTypography(item) }));
    return ul;
  };
  const paragraph = (t: string) => Object.assign(document.createElement('p'), { textContent: frenchTypography(t) });
  const changes = $('changements');
  changes.replaceChildren(
    ...(replaces
      ? [
          paragraph(`Elle remplace votre déclaration du ${frenchDate(replaces.date)}, qui garde sa date. ${replaces.changes.length === 0 ? 'Rien ne change.' : 'Ce qui change (« (absent) » : la ligne s’ajoute ou disparaît) :'}`),
          ...(replaces.changes.length > 0 ? [list(replaces.changes.map(changeLine))] : []),
        ]
      : []),
  );
  $('avertissements').replaceChildren(...(verdict.warnings.length > 0 ? [paragraph('À regarder (n’empêche pas l’envoi) :'), list(verdict.warnings)] : []));
  // GitHub creates a new file from the address; an existing one is edited by hand.
  $<HTMLAnchorElement>('forge').href = replaces ? editFileLink(path) : newFileLink(path, text);
  $<HTMLAnchorElement>('forge').textContent = replaces ? 'Ouvrir votre fichier sur GitHub pour le modifier' : 'Ouvrir le fichier prérempli sur GitHub';
  $('forge-remplacer').hidden = !replaces;
  const subject = `Déclaration de réciprocité : ${path.split('/').slice(-2).join(' pour ').replace(/\.yaml$/, '')}`;
  // No address set yet: the page says so instead of the button (declarer/index.astro).
  const mail = document.getElementById('courriel') as HTMLAnchorElement | null;
  if (mail) mail.href = `mailto:${data.email}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(`Fichier ${path} :\n\n${text}`)}`;
}

/** The list of what to fix, or the result shown and focused. */
function showOutcome(problems: string[]): void {
  const bilan = $('bilan');
  const result = $('resultat');
  bilan.replaceChildren();
  if (problems.length > 0) {
    const list = document.createElement('ul');
    for (const p of problems) list.append(Object.assign(document.createElement('li'), { textContent: frenchTypography(p) }));
    bilan.append(Object.assign(document.createElement('p'), { textContent: 'À corriger avant de préparer le fichier :' }), list);
    result.hidden = true;
    return;
  }
  result.hidden = false;
  $('resultat-titre').focus();
}

async function copyFile(): Promise<void> {
  await navigator.clipboard.writeText($<HTMLTextAreaElement>('fichier').value).then(
    () => ($('copie').textContent = 'Copié.'),
    () => ($('copie').textContent = 'Copie impossible ici : sélectionnez le texte du fichier et copiez-le.'),
  );
}

function downloadFile(): void {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([$<HTMLTextAreaElement>('fichier').value], { type: 'text/yaml' }));
  link.download = `${$<HTMLSelectElement>('mission').value}.yaml`;
  link.click();
  URL.revokeObjectURL(link.href);
}

/** Coming from a mission page: « Déclarer ma réciprocité » names the provider and the mission. */
function prefillFromAddress(picker: ReturnType<typeof missionPicker>): void {
  const who = $<HTMLSelectElement>('prestataire');
  const mission = $<HTMLSelectElement>('mission');
  const params = new URLSearchParams(location.search);
  if (params.get('prestataire') && [...who.options].some((o) => o.value !== '' && o.value === params.get('prestataire'))) {
    who.value = params.get('prestataire')!;
    void picker.showMissions().then(() => {
      if ([...mission.options].some((o) => o.value === params.get('mission'))) mission.value = params.get('mission')!;
      picker.showShare();
    });
  }
}

export function startDeclareForm(): void {
  const data = JSON.parse($('donnees-formulaire').textContent ?? '{}') as FormData;
  const form = $<HTMLFormElement>('declarer');
  // The registry's day (Europe/Paris), as CI counts it: never « after the reference date ».
  const date = today();
  const picker = missionPicker(data, date);

  $('prestataire').addEventListener('change', picker.showMissions);
  $('mission').addEventListener('change', picker.showShare);
  $('ajouter-argent').addEventListener('click', () => addRow('argent', date));
  $('ajouter-nature').addEventListener('click', () => addRow('nature', date));
  form.addEventListener('change', (event) => {
    const box = event.target as HTMLInputElement;
    if (box.type === 'checkbox' && box.dataset.commun) (box.closest('.commun')!.querySelector('.usage') as HTMLElement).hidden = !box.checked;
  });
  form.addEventListener('input', (event) => {
    const input = event.target as HTMLInputElement;
    if (input.dataset.field) checkField(input, date);
    $('resultat').hidden = true;
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void prepare(form, data, picker.provider(), date).then(showOutcome);
  });
  $('copier').addEventListener('click', copyFile);
  $('telecharger').addEventListener('click', downloadFile);
  // The page hides the form until now: without this script its fields would do nothing.
  form.hidden = false;
  prefillFromAddress(picker);
}
