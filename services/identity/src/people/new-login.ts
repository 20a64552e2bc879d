import { RuleViolatedError, Validator } from '@dangjian/kit';
import { DEMO_PASSWORDS } from './password-hash.js';

export const USERNAME = /^[a-z0-9][a-z0-9._-]{1,62}[a-z0-9]$/;

/** What a new login must satisfy, wherever it is created (an invitation, an operator's script). */
export function checkNewLogin(
  login: { username: string; password: string; displayName: string },
  production: boolean,
): void {
  new Validator()
    .check(USERNAME.test(login.username), 'username', 'bad_username')
    .check(
      login.displayName.trim().length > 0 && login.displayName.length <= 100,
      'displayName',
      'length_between',
      { min: 1, max: 100 },
    )
    .check(login.password.length >= 8 && login.password.length <= 200, 'password', 'bad_password')
    .throwIfInvalid();
  if (production && DEMO_PASSWORDS.includes(login.password)) {
    throw new RuleViolatedError('demo-password', 'the demo password is refused in production');
  }
}
