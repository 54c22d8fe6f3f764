import { ValidationOptions, registerDecorator } from 'class-validator';
import { OFFICE_CODE } from '../../http/validators';

/** `lead`: one office code, or a non-empty list of distinct codes (one task each). */
export function IsOfficeCodeOrList(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isOfficeCodeOrList',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: `${String(propertyName)} must be an office code or a non-empty list of distinct office codes`, ...options },
      validator: {
        validate: (v: unknown) =>
          (typeof v === 'string' && OFFICE_CODE.test(v)) ||
          (Array.isArray(v) &&
            v.length > 0 &&
            v.length <= 500 &&
            new Set(v).size === v.length &&
            v.every((c) => typeof c === 'string' && OFFICE_CODE.test(c))),
      },
    });
}
