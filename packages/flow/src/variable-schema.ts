import { z } from 'zod';
import { VARIABLE_NAME_PATTERN } from './variables';

/** A field that names a conversation variable (see VARIABLE_NAME_PATTERN). */
export const variableNameSchema = z.string({ error: 'Must be text' }).regex(VARIABLE_NAME_PATTERN, {
  error: 'Must start with a letter or _, then letters, digits or _ (at most 64 characters), e.g. customer_name',
});
