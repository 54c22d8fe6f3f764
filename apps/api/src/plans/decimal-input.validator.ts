import { ValidationOptions, registerDecorator } from 'class-validator';

/** A finite JSON number or a plain decimal string ("62.2"); the domain checks the range. */
export function IsDecimalInput(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isDecimalInput',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: `${String(propertyName)} must be a number or a decimal string such as "62.2"`, ...options },
      validator: {
        validate: (v: unknown) => (typeof v === 'number' && Number.isFinite(v)) || (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v)),
      },
    });
}
