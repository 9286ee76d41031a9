// Which player page a phone gets: its switch's cookie first, else the browser's Accept-Language.
import { expect, it } from 'vitest';
import { LANGUAGE_COOKIE, pickLanguage, playerLanguage } from '../../shared/i18n/language';

it('picks the supported language the browser weighs highest, English when none is', () => {
  expect(pickLanguage('fr-CH,fr;q=0.9,en;q=0.8')).toBe('fr');
  expect(pickLanguage('de-DE,de;q=0.9,en;q=0.5,fr;q=0.4')).toBe('en');
  expect(pickLanguage('de-DE,fr;q=0.7,en;q=0.3')).toBe('fr');
  expect(pickLanguage('de, it')).toBe('en');
  expect(pickLanguage('')).toBe('en');
  expect(pickLanguage(undefined)).toBe('en');
});

it('the phone’s switch wins over the browser, and an unknown value is ignored', () => {
  expect(playerLanguage(`a=1; ${LANGUAGE_COOKIE}=en`, 'fr-FR')).toBe('en');
  expect(playerLanguage(`${LANGUAGE_COOKIE}=fr`, 'en-US')).toBe('fr');
  expect(playerLanguage(`${LANGUAGE_COOKIE}=klingon`, 'fr-FR')).toBe('fr');
  expect(playerLanguage(undefined, undefined)).toBe('en');
});
