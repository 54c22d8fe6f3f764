/** No fields: unknown ones are refused. */
export class AcknowledgeTaskRequestDto {}
