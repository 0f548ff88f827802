// The parts of `npm run liens` that decide without the network: which addresses are
// never asked (IANA special-purpose ranges, IPv4 written inside IPv6 included), and the
// order links are taken in (each owner in turn, an order that changes with the date).
import { describe, expect, it } from 'vitest';
import { fairOrder, refusedAddress } from '../../scripts/liens/verifier.ts';

describe('refusedAddress', () => {
  it.each([
    ['127.0.0.1', 'adresse de la machine elle-même (127.0.0.1)'],
    ['::1', 'adresse de la machine elle-même (::1)'],
    ['::ffff:127.0.0.1', 'adresse de la machine elle-même (::ffff:127.0.0.1)'],
    ['::ffff:7f00:1', 'adresse de la machine elle-même (::ffff:7f00:1)'],
    ['10.1.2.3', 'adresse privée, locale ou réservée (10.1.2.3)'],
    ['172.20.0.1', 'adresse privée, locale ou réservée (172.20.0.1)'],
    ['192.168.1.1', 'adresse privée, locale ou réservée (192.168.1.1)'],
    ['169.254.169.254', 'adresse privée, locale ou réservée (169.254.169.254)'],
    ['100.64.0.1', 'adresse privée, locale ou réservée (100.64.0.1)'],
    ['0.0.0.0', 'adresse privée, locale ou réservée (0.0.0.0)'],
    ['255.255.255.255', 'adresse privée, locale ou réservée (255.255.255.255)'],
    ['::', 'adresse privée, locale ou réservée (::)'],
    ['fd00::1', 'adresse privée, locale ou réservée (fd00::1)'],
    ['fe80::1', 'adresse privée, locale ou réservée (fe80::1)'],
    ['::ffff:10.0.0.1', 'adresse privée, locale ou réservée (::ffff:10.0.0.1)'],
  ])('%s : jamais demandée', (address, why) => {
    expect(refusedAddress(address)).toBe(why);
  });

  it.each(['93.184.215.14', '8.8.8.8', '2606:4700::6810:84e5', '::ffff:8.8.8.8'])('%s : une adresse publique', (address) => {
    expect(refusedAddress(address)).toBeNull();
  });

  it('--boucle-locale n’ouvre que la machine elle-même, pas le réseau privé', () => {
    expect(refusedAddress('127.0.0.1', true)).toBeNull();
    expect(refusedAddress('::1', true)).toBeNull();
    expect(refusedAddress('10.1.2.3', true)).toBe('adresse privée, locale ou réservée (10.1.2.3)');
  });
});

describe('fairOrder', () => {
  const links = [
    ...Array.from({ length: 5 }, (_, i) => ({ url: `https://a.example/${i}`, owner: 'alice' })),
    { url: 'https://b.example/1', owner: 'bruno' },
    { url: 'https://m.example/livrable', owner: '(missions)' },
    { url: 'https://a.example/0', owner: 'alice' },
  ];

  it('prend un lien de chacun à tour de rôle, chaque adresse une fois', () => {
    const order = fairOrder(links, '2025-07-15');
    expect(order).toHaveLength(7);
    expect(new Set(order.slice(0, 3).map((u) => new URL(u).host))).toEqual(new Set(['a.example', 'b.example', 'm.example']));
  });

  it('l’ordre des liens d’un même prestataire change avec la date', () => {
    const days = ['2025-07-15', '2025-07-16', '2025-07-17', '2025-07-18'].map((d) => fairOrder(links, d).filter((u) => u.includes('a.example')).join(' '));
    expect(new Set(days).size).toBeGreaterThan(1);
  });
});
