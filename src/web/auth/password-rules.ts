import type { Rule } from 'antd/es/form';
import { passwordProblem } from '../../domain/password-policy.ts';
import type { TLocale } from '../../shared/common.ts';
import { errorBody } from '../../shared/errors.ts';

/**
 * The password policy checked in the browser with the same rule and the same words as the API
 * (src/domain/password-policy.ts, the error catalogue), so the user learns before sending.
 */
export function passwordPolicyRule(locale: TLocale, field: string, username?: () => string | undefined): Rule {
  return {
    validator: async (_rule, value: string | undefined) => {
      if (!value) return;
      const problem = passwordProblem(value, username?.());
      if (problem) throw new Error(errorBody(`password.${problem}`, { field }).error.message[locale]);
    },
  };
}
