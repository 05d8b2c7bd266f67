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
