import { describe, expect, it } from 'vitest';
import { SECRET_NAME_PATTERN } from '@parley/flow';
import { secretReference, toSecretName } from './secrets';

describe('secret names', () => {
  it('turns the usual spellings into a name the API accepts', () => {
    for (const typed of ['crm api token', 'crm-api-token', 'CRM_API_TOKEN']) {
      expect(toSecretName(typed)).toBe('CRM_API_TOKEN');
      expect(SECRET_NAME_PATTERN.test(toSecretName(typed))).toBe(true);
    }
  });

  it('leaves what cannot be fixed for the API to refuse', () => {
    expect(SECRET_NAME_PATTERN.test(toSecretName('1password'))).toBe(false);
  });

  it('is used in flows as {{secrets.NAME}}', () => {
    expect(secretReference('CRM_API_TOKEN')).toBe('{{secrets.CRM_API_TOKEN}}');
  });
});
