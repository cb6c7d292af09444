/**
 * A page form's fields. Bodies come from anyone: a malformed multipart body, a wrong content
 * type or a body that is not a form at all is a 400 naming the body, never a 500.
 */
import type { Context } from 'hono';
import { ApiProblem } from '../http/problem.ts';

type Form = Record<string, string | File | (string | File)[]>;

const FORM_TYPES = /^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i;

/** The form, or null when the body is not a form that parses. */
export async function formOf(c: Context): Promise<Form | null> {
  if (!FORM_TYPES.test(c.req.header('content-type') ?? '')) return null;
  try {
    return await c.req.parseBody();
  } catch {
    return null;
  }
}

export async function requiredForm(c: Context): Promise<Form> {
  const form = await formOf(c);
  if (!form) throw new ApiProblem(400, 'the form could not be read: send it as the page does (application/x-www-form-urlencoded or multipart/form-data)', { field: 'body' });
  return form;
}
