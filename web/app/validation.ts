import type { FormRule } from 'antd';
import i18next from 'i18next';
import { resolveLocale } from '../../contracts/locales';
import { checkResidentId, residentIdProblemText, shanghaiToday } from '../../contracts/resident-id';

/**
 * `normalize` of a Form.Item that holds a phone, ID number or number: folds full-width digits and
 * letters and ideographic spaces (NFKC) as the user types, as the server does (nfkcText).
 */
export function foldWidth(value: unknown): unknown {
  return typeof value === 'string' ? value.normalize('NFKC') : value;
}

/** Same characters the server accepts for landlines: digits and + - ( ) and spaces, e.g. 0571-8888 6666. */
export const phonePattern = /^[0-9+\-() ]*[0-9][0-9+\-() ]*$/;

/** Mainland mobile numbers as the server stores them: 11 digits starting with 13–19. */
export const mobilePattern = /^1[3-9][0-9]{9}$/;

/** The server wants both letters and digits in a new password. */
export const passwordCharactersPattern = /^(?=.*[A-Za-z])(?=.*[0-9])/;

/** Names of projects, buildings, doors, departments and desks. */
export const nameMaxLength = 60;

/** What the server allows for new passwords (POST /api/auth/password and staff reset). */
export const passwordMinLength = 10;
export const passwordMaxLength = 128;

/**
 * Inline check of a resident ID number with the server's own GB 11643 rule (contracts/resident-id.ts),
 * so the field shows the same message before anything is sent. `isResidentId` says whether the
 * field holds a resident ID at the moment (an agreement may take a passport instead).
 */
export function residentIdRule(isResidentId: () => boolean = () => true): FormRule {
  return {
    validator: async (_rule, value: unknown) => {
      if (typeof value !== 'string' || value.trim() === '' || !isResidentId()) return;
      const problem = checkResidentId(value, shanghaiToday(new Date()));
      if (problem) throw new Error(residentIdProblemText[problem][resolveLocale(i18next.language)]);
    },
  };
}
