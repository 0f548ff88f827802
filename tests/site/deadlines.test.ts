// Each person's deadlines where they already look (issue 23, point 5): the calendar
// (iCalendar, read back with ical.js), the RSS feed and the JSON document of each provider
// and commons of the built sample site (content/ on 2026-11-29) say the same deadlines as
// the domain, which takes them from the figures.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ICAL from 'ical.js';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, inject, test } from 'vitest';
import { deadlines } from '../../src/domain/rules/deadlines.ts';
import { computeFigures } from '../../src/domain/rules/figures.ts';
import { loadRegistry } from '../../src/domain/rules/load.ts';
import { addDays } from '../../src/domain/registry/dates.ts';
import { deadlineCalendar, ownerTitle } from '../../src/site/deadline-feeds.ts';
import { SAMPLE, SAMPLE_DATE } from '../helpers.ts';

const { registry } = loadRegistry(SAMPLE, { date: SAMPLE_DATE });
const figures = computeFigures(registry, SAMPLE_DATE);
const index = deadlines(registry, figures);
const site = () => inject('siteDir');
const read = (path: string) => readFileSync(join(site(), path), 'utf8');

describe('les échéances, dans le domaine', () => {
  test('une mission en cours non déclarée : à déclarer à sa fin + le délai, puis le dernier délai', () => {
    const mission = registry.missions.get('strategie-ferme-du-pre-commun-2026')!.data;
    const regles = registry.regles.map((r) => r.data).find((r) => r.en_vigueur_depuis === '2024-04-01')!;
    const mine = index.prestataire('sophie-lemaire');
    expect(mine.find((d) => d.uid === 'declaration-sophie-lemaire-strategie-ferme-du-pre-commun-2026')).toMatchObject({
      date: addDays(mission.fin!, regles.delais.declaration_jours),
      titre: `Déclarer la mission « ${mission.titre} »`,
      chemin: '/missions/strategie-ferme-du-pre-commun-2026/',
      regle: '2024-04-01#delais',
    });
    expect(mine.find((d) => d.uid === 'dernier-delai-sophie-lemaire-strategie-ferme-du-pre-commun-2026')?.date).toBe(addDays(mission.fin!, regles.delais.hors_cercle_jours));
    expect(mine.map((d) => d.date)).toEqual([...mine.map((d) => d.date)].sort());
  });

  test('une mission déclarée pour de bon ne fait plus d’échéance', () => {
    for (const { data: d } of registry.declarations) {
      const mission = registry.missions.get(d.mission)!.data;
      if (!mission.fin || d.date < mission.fin) continue;
      expect(index.prestataire(d.prestataire).map((x) => x.uid)).not.toContain(`declaration-${d.prestataire}-${d.mission}`);
    }
  });

  test('un commun : chaque versement non confirmé qu’il peut confirmer, à la date où la confirmation est attendue', () => {
    const expected = figures.missions.flatMap((m) =>
      m.membres.flatMap((x) => x.argent.flatMap((state) => (state.etat === 'non_confirme' && state.peut_confirmer && state.echeance ? [state.echeance] : []))),
    );
    const all = [...registry.communs.keys()].flatMap((id) => index.commun(id).map((d) => d.date));
    expect(all.sort()).toEqual(expected.sort());
    expect(all.length).toBeGreaterThan(0);
  });
});

describe('l’agenda iCalendar', () => {
  test('plie les lignes à 75 octets sans couper un caractère, échappe ; , \\ et les retours, et se relit tel qu’écrit', () => {
    const titre = `Déclarer « ${'Éçà😀 ; , \\ '.repeat(12)} »`;
    const description = 'Ligne un\nligne deux ; trois, quatre \\ fin.';
    const text = deadlineCalendar('prestataires', 'p', 'Zoé Émeraude', [{ uid: 'u-1', date: '2027-02-16', titre, description, chemin: '/prestataires/p/', regle: null }], '2026-11-29');
    const lines = text.split('\r\n');
    expect(lines.at(-1)).toBe('');
    for (const line of lines) expect(Buffer.byteLength(line), line).toBeLessThanOrEqual(75);
    expect(text).not.toContain('\uFFFD');
    const event = new ICAL.Event(new ICAL.Component(ICAL.parse(text)).getFirstSubcomponent('vevent')!);
    expect(event.summary).toBe(titre);
    expect(event.description).toBe(description);
    expect(event.startDate.toString()).toBe('2027-02-16');
    expect(event.endDate.toString()).toBe('2027-02-17');
  });
});

describe('les échéances, sur le site construit', () => {
  const owners = [
    ...[...registry.prestataires.keys()].map((id) => ['prestataires', id, index.prestataire(id)] as const),
    ...[...registry.communs.keys()].map((id) => ['communs', id, index.commun(id)] as const),
  ];

  test.each(owners.map(([kind, id, items]) => [`${kind}/${id}`, kind, id, items] as const))('%s : agenda, flux RSS et document JSON disent les mêmes échéances', (_, kind, id, items) => {
    const calendar = new ICAL.Component(ICAL.parse(read(`${kind}/${id}/echeances.ics`)));
    expect(calendar.name).toBe('vcalendar');
    const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(events.map((e) => [e.uid.split('@')[0], e.startDate.toString(), e.startDate.isDate, e.summary])).toEqual(items.map((d) => [d.uid, d.date, true, d.titre]));
    for (const e of events) expect(String(e.component.getFirstPropertyValue('dtstamp'))).toBe(`${SAMPLE_DATE}T00:00:00Z`);

    const xml = read(`${kind}/${id}/echeances.xml`);
    expect(XMLValidator.validate(xml)).toBe(true);
    const channel = new XMLParser({ isArray: (name) => name === 'item' }).parse(xml).rss.channel as { title: string; item?: Array<{ title: string; guid: string }> };
    expect(channel.title).toBe(`${ownerTitle(kind, kind === 'prestataires' ? registry.prestataires.get(id)!.data.nom : registry.communs.get(id)!.data.nom)} · Communs & Réciprocité`);
    expect((channel.item ?? []).map((i) => i.guid)).toEqual(items.map((d) => d.uid));

    const doc = JSON.parse(read(`donnees/${kind}/${id}.json`));
    expect(doc.date_reference).toBe(SAMPLE_DATE);
    expect(doc.echeances).toEqual(items);
    expect(doc.flux.echeances_ical).toMatch(new RegExp(`/${kind}/${id}/echeances\\.ics$`));
  });

  test('la fiche montre ses échéances et les liens pour s’abonner', () => {
    const html = read('prestataires/sophie-lemaire/index.html');
    expect(html).toContain('<h2 id="echeances">Échéances</h2>');
    expect(html).toMatch(/href="[^"]*\/prestataires\/sophie-lemaire\/echeances\.ics"/);
    expect(html).toMatch(/<link rel="alternate" type="application\/rss\+xml" title="Échéances de Sophie Lemaire" href="[^"]*\/prestataires\/sophie-lemaire\/echeances\.xml"/);
  });

  test('un document JSON par prestataire, mission et commun, à une adresse stable, listés par les index du paquet de données', () => {
    const pkg = JSON.parse(read('donnees/datapackage.json'));
    for (const kind of ['prestataires', 'missions', 'communs'] as const) {
      const resource = pkg.resources.find((r: { name: string }) => r.name === `documents_${kind}`);
      expect(resource?.path).toBe(`${kind}.json`);
      const listed = JSON.parse(read(`donnees/${kind}.json`)).documents as Array<{ id: string; adresse: string }>;
      const ids = [...(kind === 'prestataires' ? registry.prestataires : kind === 'missions' ? registry.missions : registry.communs).keys()].sort();
      expect(listed.map((d) => d.id)).toEqual(ids);
      for (const d of listed) {
        expect(d.adresse.endsWith(`/donnees/${kind}/${d.id}.json`)).toBe(true);
        expect(existsSync(join(site(), `donnees/${kind}/${d.id}.json`))).toBe(true);
      }
      expect(readdirSync(join(site(), 'donnees', kind)).length).toBe(ids.length);
    }
    const mission = JSON.parse(read('donnees/missions/consortium-ruralite-bocage-avesnois-2025.json'));
    expect(mission.chiffres.reciprocite.attendue_eur).toBe(330);
    expect(mission.mission.equipe).toHaveLength(5);
  });
});
