import { DigestIssued } from './digest.events';

export type IssueDigest = { type: 'IssueDigest'; data: Omit<DigestIssued['data'], 'digestId'> };
export type RecordDigestDelivered = {
  type: 'RecordDigestDelivered';
  data: { to: string[]; messageId: string | null; attempts: number; at: Date };
};
export type RecordDigestDeliveryFailed = {
  type: 'RecordDigestDeliveryFailed';
  data: { to: string[]; error: string; attempts: number; at: Date };
};
export type DigestCommand = IssueDigest | RecordDigestDelivered | RecordDigestDeliveryFailed;
