import { fromBinary } from '@bufbuild/protobuf';
import { MembershipChangedSchema } from '@dangjian/contracts';

export { MembershipChangedSchema };
export const fromBinaryMembershipChanged = (data: Uint8Array) => fromBinary(MembershipChangedSchema, data);
