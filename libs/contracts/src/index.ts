// Generated message types (from proto/, committed: see docs/decisions/0003-generated-contracts.md)
// and the naming rules for subjects built from them.
export * from './gen/dangjian/common/v1/context_pb.js';
export * from './gen/dangjian/common/v1/page_pb.js';
export * from './gen/dangjian/common/v1/error_pb.js';
export * from './gen/dangjian/identity/v1/identity_pb.js';
export * from './gen/dangjian/identity/v1/events_pb.js';
export * from './subjects.js';
export * from './access.js';
export * from './gen/dangjian/organisation/v1/organisation_pb.js';
export * from './gen/dangjian/organisation/v1/events_pb.js';
export * from './names.js';
export * from './values.js';
