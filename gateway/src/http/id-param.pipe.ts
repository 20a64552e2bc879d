import { isUuid, ValidationError } from '@dangjian/kit';
import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';

/**
 * A path parameter that is an id: a malformed one is a 400 naming the parameter (`not_an_id`), like a
 * malformed field of a body — not Nest's ParseUUIDPipe message, which the problem filter can only
 * put on `body`.
 */
@Injectable()
export class IdParamPipe implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    if (isUuid(value)) return value;
    throw ValidationError.of(metadata.data || 'id', 'not_an_id');
  }
}
