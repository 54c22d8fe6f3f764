import { ValidationOptions, registerDecorator } from 'class-validator';
import { isLocalDate } from '@dondoc/domain/shared';

/** A real calendar date written YYYY-MM-DD: 2024-02-29 yes, 2024-02-30 no. */
export function IsLocalDate(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isLocalDate',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: `${String(propertyName)} must be a real date written YYYY-MM-DD`, ...options },
      validator: { validate: (value: unknown) => isLocalDate(value) },
    });
}

export const OFFICE_CODE = /^[A-Za-z0-9_-]{1,64}$/;
export const officeCodeMessage = (field: string) => ({ message: `${field} must be an office code (letters, digits, - or _)` });

/** A recurring task's period key: `2024-03` (month), `2024-Q1` (quarter), `2024-H1` (half-year), `2024` (year). */
export const OCCURRENCE_KEY = /^\d{4}(-(\d{2}|Q[1-4]|H[12]))?$/;
export const OCCURRENCE_KEY_MESSAGE = 'occurrence is a period key: 2024-03, 2024-Q1, 2024-H1 or 2024';
