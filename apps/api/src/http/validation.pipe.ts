import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import { FieldError, RequestValidationError } from './problem-details.filter';

function flatten(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = prefix ? (/^\d+$/.test(e.property) ? `${prefix}[${e.property}]` : `${prefix}.${e.property}`) : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({
      field,
      message: message.startsWith('property ') ? 'is not allowed' : message,
    }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/** `null` where a field may mean "clear it": none today; mark such a property with @NullClears(). */
const NULL_CLEARS = Symbol('dondoc:nullClears');
export const NullClears = (): PropertyDecorator => (target, key) => {
  const own = (Reflect.getOwnMetadata(NULL_CLEARS, target.constructor) as (string | symbol)[] | undefined) ?? [];
  Reflect.defineMetadata(NULL_CLEARS, [...own, key], target.constructor);
};

/** Every `null` in a body, by path, except top-level fields marked @NullClears(): an optional field is omitted, not null. */
function nulls(value: unknown, metatype: new () => unknown, prefix = ''): FieldError[] {
  const clears = prefix ? [] : ((Reflect.getMetadata(NULL_CLEARS, metatype) as (string | symbol)[] | undefined) ?? []);
  if (Array.isArray(value))
    return value.flatMap((v, i) =>
      v === null ? [{ field: `${prefix}[${i}]`, message: 'must not be null' }] : nulls(v, metatype, `${prefix}[${i}]`),
    );
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => {
    const field = prefix ? `${prefix}.${k}` : k;
    if (v === null) return clears.includes(k) ? [] : [{ field, message: 'must not be null (leave an optional field out)' }];
    return nulls(v, metatype, field);
  });
}

const hasRules = (metatype: new () => unknown) => getMetadataStorage().getTargetValidationMetadatas(metatype, '', true, false).length > 0;

/**
 * DTOs are strict: unknown fields are refused, types are checked, nothing is coerced silently.
 * A body DTO without any field (acknowledge) takes `{}` or no body: class-validator's
 * forbidUnknownValues would refuse every value of a class it has no rules for.
 */
class StrictValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const metatype = metadata.metatype as (new () => unknown) | undefined;
    if (metadata.type === 'body' && metatype && this.toValidate(metadata) && !hasRules(metatype)) {
      if (value === undefined || value === null) return new metatype();
      if (typeof value !== 'object' || Array.isArray(value))
        throw new RequestValidationError([{ field: 'body', message: 'must be a JSON object' }]);
      const unknown = Object.keys(value);
      if (unknown.length) throw new RequestValidationError(unknown.map((field) => ({ field, message: 'is not allowed' })));
      return new metatype();
    }
    if (metadata.type === 'body' && metatype && this.toValidate(metadata)) {
      const found = nulls(value, metatype);
      if (found.length) throw new RequestValidationError(found);
    }
    return super.transform(value, metadata);
  }
}

export const strictValidationPipe = () =>
  new StrictValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new RequestValidationError(flatten(errors)),
  });
