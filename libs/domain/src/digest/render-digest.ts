import { DigestContent } from './digest-content';
import { renderDigestHtml } from './digest-html.renderer';
import { subjectOf } from './digest-labels';
import { renderDigestText } from './digest-text.renderer';
import { IssueDigest } from './digest.commands';

/** The command that issues a built digest: subject, both parts, and who it goes to. */
export function issueDigestCommand(content: DigestContent): IssueDigest {
  return {
    type: 'IssueDigest',
    data: {
      office: content.office.code,
      officeName: content.office.name,
      week: content.week,
      asOf: content.asOf,
      counts: content.counts,
      subject: subjectOf(content),
      recipients: content.office.email ? [content.office.email] : [],
      html: renderDigestHtml(content),
      text: renderDigestText(content),
    },
  };
}
